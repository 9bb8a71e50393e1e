import { Button } from "~/components/form";
import { Table } from "~/components/table";
import { formatLongDate, formatTime } from "~/utils/dates";
import type { WhoIsFree as Availability } from "./availability.server";

// "Check who is free" inside the scheduling form (issue 17, item 4): the button posts the date,
// time and length already entered (intent "check-free") and the page comes back with the same
// values and this list, so it works without JavaScript. Nothing is booked until the lead chooses
// trainers and schedules.

export function WhoIsFree({ availability }: { availability: Availability | null | undefined }) {
  return (
    <div className="govuk-form-group">
      <p className="govuk-body">
        Enter the date, time and length, then check which trainers are free, have valid checks on
        the day and are nearest the venue.
      </p>
      <Button secondary name="intent" value="check-free">
        Check who is free
      </Button>
      {availability ? <Results availability={availability} /> : null}
    </div>
  );
}

function Results({ availability: a }: { availability: Availability }) {
  const when = `${formatTime(a.when)} on ${formatLongDate(a.when).replace(",", "")}${a.meetings > 1 ? ` and the ${a.meetings - 1} meetings after it` : ""}`;
  return (
    <div id="who-is-free" aria-live="polite">
      <Table
        caption={`Free at ${when}, nearest ${a.venueDistrict ? `to ${a.venueDistrict}` : "the venue"} first`}
        captionSize="s"
        columns={[
          { header: "Trainer", rowHeader: true, cell: (t) => t.name },
          { header: "Based in", cell: (t) => t.baseDistrictName ?? "Not recorded" },
          {
            header: "Distance",
            numeric: true,
            cell: (t) =>
              t.sameDistrict
                ? "Same district"
                : t.distanceKm === null
                  ? "Not known"
                  : `About ${t.distanceKm} km`,
          },
        ]}
        rows={a.free}
        rowKey={(t) => t.id}
        empty="No trainer is free with valid checks at that time. Try another time."
      />
      {a.notFree.length ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              Not free or checks not valid ({a.notFree.length})
            </span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list govuk-list--bullet">
              {a.notFree.map((t) => (
                <li key={t.id}>
                  <strong>{t.name}</strong>: {t.reasons.join(" ")}
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
    </div>
  );
}

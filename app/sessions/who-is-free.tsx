import { Button } from "~/components/form";
import { TableScroll } from "~/components/table-scroll";
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
      <TableScroll>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">
            Free at {when}, nearest {a.venueDistrict ? `to ${a.venueDistrict}` : "the venue"} first
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Trainer
              </th>
              <th scope="col" className="govuk-table__header">
                Based in
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Distance
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {a.free.map((t) => (
              <tr className="govuk-table__row" key={t.id}>
                <th scope="row" className="govuk-table__header">
                  {t.name}
                </th>
                <td className="govuk-table__cell">{t.baseDistrictName ?? "Not recorded"}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {t.sameDistrict
                    ? "Same district"
                    : t.distanceKm === null
                      ? "Not known"
                      : `About ${t.distanceKm} km`}
                </td>
              </tr>
            ))}
            {a.free.length === 0 ? (
              <tr className="govuk-table__row">
                <td className="govuk-table__cell" colSpan={3}>
                  No trainer is free with valid checks at that time. Try another time.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </TableScroll>
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

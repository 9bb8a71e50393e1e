import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { pageTitle, Tag } from "~/components/page";
import { ErrorSummary, fieldId } from "~/components/form";
import { FilterSelect, ListPages } from "~/components/filters";
import { getDb } from "~/db/db.server";
import { audienceLabel } from "~/sessions/audiences";
import { filterOptions, listOpenSessions, type OpenSessionFilters } from "~/sessions/open.server";
import { OpenSessionFiltersSchema } from "~/sessions/open-schemas";
import { formatLongDate, formatTime } from "~/utils/dates";
import { DateInput } from "~/components/date-input";
import { parseDateParts, readDateParts, type DateParts } from "~/utils/date-input";
import { pageFrom } from "~/utils/paging";

export const meta: MetaFunction = () => pageTitle("Open sessions: book a place");

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  for (const key of ["district", "audience", "from", "to"]) {
    const v = params.get(key)?.trim();
    if (v) raw[key] = v;
  }
  // Each filter on its own: one bad value is reported and ignored, the others still apply.
  const filters: OpenSessionFilters = {};
  const errors: { name: string; message: string }[] = [];
  // The dates come as GOV.UK date inputs (`from-day`, …); a link with `from=YYYY-MM-DD` still works.
  const typed: Record<string, DateParts> = {};
  for (const key of ["from", "to"] as const) {
    const parts = readDateParts(params, key);
    if (!Object.values(parts).some((v) => v.trim())) continue;
    typed[key] = parts;
    delete raw[key];
    const parsed = parseDateParts(parts, key === "from" ? "the ‘from’ date" : "the ‘to’ date");
    if (parsed.ok && parsed.date) raw[key] = parsed.date;
    else if (!parsed.ok) errors.push({ name: key, message: parsed.message });
  }
  for (const [key, value] of Object.entries(raw)) {
    const field =
      OpenSessionFiltersSchema.shape[key as keyof typeof OpenSessionFiltersSchema.shape];
    const parsed = field.safeParse(value);
    if (parsed.success) Object.assign(filters, { [key]: parsed.data });
    else
      errors.push({ name: key, message: parsed.error.issues[0]?.message ?? "Check this filter" });
  }
  if (filters.from && filters.to && filters.to < filters.from) {
    errors.push({
      name: "to",
      message: "The ‘to’ date must be the same as or after the ‘from’ date",
    });
    delete filters.to;
  }
  const db = getDb();
  const [listed, options] = await Promise.all([
    listOpenSessions(db, filters, pageFrom(params)),
    filterOptions(db),
  ]);
  return {
    values: raw,
    typed,
    errors,
    options,
    filtered: Object.keys(filters).length > 0,
    // Only the page's place in the list: the sessions themselves go once, below.
    paged: {
      page: listed.page,
      pageSize: listed.pageSize,
      total: listed.total,
      rows: { length: listed.rows.length },
    },
    sessions: listed.rows.map((s) => ({
      id: s.id,
      title: s.title,
      audience: s.audience,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      location: s.location,
      district: s.district_name,
      placesLeft: s.placesLeft,
      waiting: s.waiting,
    })),
  };
}

export default function OpenSessions() {
  const { values, typed, errors, options, sessions, filtered, paged } =
    useLoaderData<typeof loader>();
  const errorFor = (name: string) => errors.find((e) => e.name === name)?.message;
  return (
    <>
      <h1 className="govuk-heading-l">Open sessions: book a place</h1>
      <p className="govuk-body-l">
        Free sessions on keeping children and young people safe from criminal exploitation, run by
        St Giles Trust&apos;s SOS+ team across Norfolk. You do not need an account to book.
      </p>
      <ErrorSummary
        errors={errors}
        title="There is a problem with the filters"
        // The dates are GOV.UK date inputs, whose first field carries the form's usual id.
        idOf={(name) => (name === "from" || name === "to" ? fieldId(name) : `filter-${name}`)}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Form method="get" className="lantern-filters" aria-label="Filter sessions">
            <h2 className="govuk-heading-m">Filter</h2>
            <FilterSelect
              name="district"
              label="District"
              value={values.district ?? ""}
              allLabel="All of Norfolk"
              options={options.districts.map((d) => ({ value: String(d.id), label: d.name }))}
              error={!!errorFor("district")}
            />
            <FilterSelect
              name="audience"
              label="Who it is for"
              value={values.audience ?? ""}
              allLabel="Everyone"
              options={options.audiences.map((a) => ({ value: a.name, label: a.label }))}
              error={!!errorFor("audience")}
            />
            {(["from", "to"] as const).map((name) => (
              <DateInput
                key={name}
                name={name}
                label={name === "from" ? "From date" : "To date"}
                defaultValue={values[name]}
                error={errorFor(name)}
                typed={typed[name]}
              />
            ))}
            <button
              type="submit"
              className="govuk-button govuk-button--secondary"
              data-module="govuk-button"
            >
              Show sessions
            </button>
            {filtered ? (
              <p className="govuk-body">
                <Link className="govuk-link" to="/sessions/open">
                  Clear filters
                </Link>
              </p>
            ) : null}
          </Form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m" aria-live="polite">
            {paged.total === 0
              ? "No sessions found"
              : `${paged.total.toLocaleString("en-GB")} ${paged.total === 1 ? "session" : "sessions"}`}
          </h2>
          {sessions.length === 0 ? (
            <p className="govuk-body">
              {filtered
                ? "No upcoming sessions match these filters. Try another district or a wider range of dates."
                : "There are no upcoming open sessions at the moment. Please check again soon."}
            </p>
          ) : (
            <ul className="govuk-list lantern-session-list">
              {sessions.map((s) => (
                <li
                  key={s.id}
                  className="lantern-session-card"
                  style={{ borderTop: "1px solid #b1b4b6", paddingTop: 15, marginBottom: 20 }}
                >
                  <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
                    <Link className="govuk-link" to={`/sessions/open/${s.id}`}>
                      {s.title}
                    </Link>
                  </h3>
                  <p className="govuk-body govuk-!-margin-bottom-1">
                    <strong>
                      {formatLongDate(s.startsAt)}, {formatTime(s.startsAt)} to{" "}
                      {formatTime(s.endsAt)}
                    </strong>
                  </p>
                  <p className="govuk-body govuk-!-margin-bottom-1">
                    {s.location}
                    {s.district ? ` (${s.district})` : ""}
                  </p>
                  <p className="govuk-body govuk-!-margin-bottom-0">
                    <Tag colour="blue">{audienceLabel(s.audience)}</Tag>{" "}
                    {s.placesLeft > 0 ? (
                      <Tag colour="green">
                        {s.placesLeft} {s.placesLeft === 1 ? "place" : "places"} left
                      </Tag>
                    ) : (
                      <Tag colour="orange">Full: waiting list open</Tag>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <ListPages label="Pages of open sessions" noun="sessions" paged={paged} />
        </div>
      </div>
    </>
  );
}

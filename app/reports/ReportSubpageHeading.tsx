import { Link } from "@remix-run/react";
import { formatDay } from "~/utils/dates";

/** The heading of a page that details part of the dashboard: programme, title, period, and the way back with the same filters. */
export function ReportSubpageHeading(props: {
  title: string;
  programme: string;
  period: { label: string; from: string; to: string };
  query: string;
}) {
  return (
    <>
      <span className="govuk-caption-l">{props.programme}</span>
      <h1 className="govuk-heading-l">{props.title}</h1>
      <p className="govuk-body">
        {props.period.label}: {formatDay(props.period.from)} to {formatDay(props.period.to)}.{" "}
        <Link className="govuk-link" to={`/reports?${props.query}`}>
          Back to the dashboard
        </Link>
      </p>
    </>
  );
}

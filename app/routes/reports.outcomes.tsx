import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { dashboardInput, requireReportViewer } from "~/reports/access.server";
import { dashboardView } from "~/reports/page.server";
import { ReportSubpageHeading } from "~/reports/ReportSubpageHeading";
import { ReportTable } from "~/reports/ReportTable";

export const meta: MetaFunction = () => pageTitle("Outcomes in detail");

// The dashboard's outcome sections in full, for its filters: feedback by statement and district,
// e-learning by organisation within each district. Same scope as the dashboard.
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireReportViewer(request);
  const view = await dashboardView(getDb(), scope, dashboardInput(new URL(request.url)), {
    full: true,
  });
  if (!view) return { view: null };
  const table = (id: string) => view.tables.find((t) => t.id === id) ?? null;
  return {
    view: {
      programme: view.programme.name,
      period: view.period,
      query: view.query,
      feedback: table("feedback-districts"),
      feedbackReason: view.sections.feedback.available ? null : view.sections.feedback.reason,
      learning: table("learning"),
      learningReason: view.sections.learning.available ? null : view.sections.learning.reason,
    },
  };
}

export default function ReportOutcomes() {
  const { view } = useLoaderData<typeof loader>();
  if (!view) return <h1 className="govuk-heading-l">Outcomes in detail</h1>;
  return (
    <>
      <ReportSubpageHeading
        title="Outcomes in detail"
        programme={view.programme}
        period={view.period}
        query={view.query}
      />
      <h2 className="govuk-heading-m" id="feedback-districts">
        Feedback by statement and district
      </h2>
      {view.feedback ? (
        <ReportTable
          table={view.feedback}
          csvHref={`/reports/csv/feedback-districts?${view.query}`}
        />
      ) : (
        <InsetText>{view.feedbackReason}</InsetText>
      )}
      <h2 className="govuk-heading-m" id="learning-organisations">
        E-learning by organisation
      </h2>
      {view.learning ? (
        <>
          <p className="govuk-body">
            Each district's row is all its organisations together; a learner who belongs to two
            organisations counts in each, and once in the district.
          </p>
          <ReportTable table={view.learning} csvHref={`/reports/csv/learning?${view.query}`} />
        </>
      ) : (
        <InsetText>{view.learningReason}</InsetText>
      )}
    </>
  );
}

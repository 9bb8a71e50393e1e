import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { BarChart } from "~/components/charts/BarChart";
import { ColumnChart } from "~/components/charts/ColumnChart";
import { TargetBar } from "~/components/charts/TargetBar";
import { InsetText, pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { dashboardInput, requireReportViewer } from "~/reports/access.server";
import { COUNTING_RULES } from "~/reports/dashboard.server";
import { dashboardView } from "~/reports/page.server";
import { ReportTable } from "~/reports/ReportTable";
import { formatNumber, type Table } from "~/reports/tables";
import { formatDay } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.view ? `${data.view.programme.name} dashboard` : "Dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  const { auth, scope } = await requireReportViewer(request);
  const view = await dashboardView(getDb(), scope, dashboardInput(new URL(request.url)));
  const scopeLabel =
    scope.kind === "all"
      ? "All settings and districts"
      : scope.kind === "settings"
      ? `Your school: ${auth.user.memberships
          .filter((m) => scope.settingIds.includes(m.organisationId))
          .map((m) => m.organisationName)
          .join(", ")}`
      : `Your organisation: ${auth.user.memberships
          .filter((m) => scope.organisationIds.includes(m.organisationId))
          .map((m) => m.organisationName)
          .join(", ")}`;
  return {
    view,
    scopeKind: scope.kind,
    scopeLabel,
    canReturn: auth.permissions.has("report:view:any"),
    rules: COUNTING_RULES,
  };
}

/** "On course" when the projection reaches the target; "Behind" otherwise (in words, not only colour). */
function OnCourse({ projected, target }: { projected: number | null; target: number | null }) {
  if (projected === null || !target) return null;
  return projected >= target ? <Tag colour="green">On course</Tag> : <Tag colour="red">Behind</Tag>;
}

function tableOf(tables: Table[], id: string) {
  return tables.find((t) => t.id === id);
}

function Filters({ view, withDistrict }: { view: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["view"]>; withDistrict: boolean }) {
  const nav = useNavigation();
  return (
    <Form method="get" action="/reports" className="lantern-filters lantern-no-print" aria-label="Filter the dashboard">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter">
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="f-programme">
              Programme
            </label>
            <select className="govuk-select govuk-!-width-full" id="f-programme" name="programme" defaultValue={view.filters.programme}>
              {view.programmes.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="govuk-grid-column-one-quarter">
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="f-period">
              Period
            </label>
            <select className="govuk-select govuk-!-width-full" id="f-period" name="period" defaultValue={view.filters.period}>
              <option value="all">Whole programme</option>
              <optgroup label="Financial years (April to March)">
                {view.periods.years.map((p) => (
                  <option key={p.value} value={p.value}>
                    {p.label}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Quarters">
                {view.periods.quarters.map((p) => (
                  <option key={p.value} value={p.value}>
                    {p.label}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
        </div>
        {withDistrict ? (
          <div className="govuk-grid-column-one-quarter">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="f-district">
                District
              </label>
              <select className="govuk-select govuk-!-width-full" id="f-district" name="district" defaultValue={view.filters.district}>
                <option value="">All districts</option>
                {view.districts.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : null}
        <div className="govuk-grid-column-one-quarter">
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="f-audience">
              Audience
            </label>
            <select className="govuk-select govuk-!-width-full" id="f-audience" name="audience" defaultValue={view.filters.audience}>
              <option value="">All audiences</option>
              {view.audiences.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={nav.state === "loading"}>
          Show figures
        </button>
        <Link className="govuk-link" to="/reports">
          Clear filters
        </Link>
      </div>
    </Form>
  );
}

export default function ReportsDashboard() {
  const { view, scopeKind, scopeLabel, canReturn, rules } = useLoaderData<typeof loader>();
  if (!view) {
    return (
      <>
        <h1 className="govuk-heading-l">Dashboard</h1>
        <p className="govuk-body">There are no programmes yet. A programme lead sets up a programme and its targets first.</p>
      </>
    );
  }
  const csv = (id: string) => `/reports/csv/${id}?${view.query}`;
  const t = (id: string) => tableOf(view.tables, id);
  const districts = t("districts");
  const months = t("months")!;
  const quarters = t("quarters")!;
  const withTargets = view.summaries.some((s) => s.peopleTarget !== null);
  const periodText = `${formatDay(view.period.from)} to ${formatDay(view.period.to)}`;
  const filteredBy = [
    view.filters.district ? view.districts.find((d) => d.id === view.filters.district)?.name : null,
    view.filters.audience ? view.audiences.find((a) => a.name === view.filters.audience)?.label : null,
  ].filter(Boolean);
  return (
    <>
      <span className="govuk-caption-l">{scopeLabel}</span>
      <h1 className="govuk-heading-l">{view.programme.name} dashboard</h1>
      <p className="govuk-body-l govuk-!-margin-bottom-4" data-figure="period">
        {view.period.label}: {periodText}
        {filteredBy.length ? ` · ${filteredBy.join(" · ")}` : ""}. Figures as recorded by {formatDay(view.today)}.
      </p>
      <Filters view={view} withDistrict={scopeKind === "all"} />

      <div className="govuk-grid-row govuk-!-margin-top-4">
        <div className="govuk-grid-column-one-third">
          <p className="govuk-body govuk-!-margin-bottom-1">Sessions delivered</p>
          <p className="govuk-heading-xl govuk-!-margin-bottom-4" data-figure="headline:sessions">
            {formatNumber(view.totals.sessions)}
          </p>
        </div>
        <div className="govuk-grid-column-one-third">
          <p className="govuk-body govuk-!-margin-bottom-1">People reached</p>
          <p className="govuk-heading-xl govuk-!-margin-bottom-4" data-figure="headline:people">
            {formatNumber(view.totals.people)}
          </p>
        </div>
        <div className="govuk-grid-column-one-third">
          <p className="govuk-body govuk-!-margin-bottom-1">Settings reached</p>
          <p className="govuk-heading-xl govuk-!-margin-bottom-4" data-figure="headline:settings">
            {formatNumber(view.totals.settings)}
          </p>
        </div>
      </div>

      <h2 className="govuk-heading-m">{withTargets ? "Against target" : "By audience"}</h2>
      {withTargets ? (
        <>
          <p className="govuk-body">
            Solid bar: done so far. Dashed outline: where it ends at the current pace. Black line: the target
            {view.period.value === "all" ? "" : " for this period (the three-year target shared out by days)"}.
          </p>
          <dl className="lantern-targets">
            {view.summaries
              .filter((s) => s.peopleTarget !== null)
              .map((s) => (
                <div key={s.audience} className="govuk-grid-row govuk-!-margin-bottom-4">
                  <dt className="govuk-grid-column-full govuk-heading-s govuk-!-margin-bottom-1">
                    {s.label} <OnCourse projected={s.peopleProjected} target={s.peopleTarget} />
                  </dt>
                  <dd className="govuk-grid-column-one-half govuk-!-margin-left-0">
                    <p className="govuk-body govuk-!-margin-bottom-1">
                      <strong>{formatNumber(s.sessions)}</strong> of {formatNumber(s.sessionsTarget ?? 0)} sessions ({s.sessionsPercent ?? 0}%)
                      {s.sessionsProjected !== null ? <>, on course for {formatNumber(s.sessionsProjected)}</> : null}
                    </p>
                    <TargetBar
                      id={`t-${s.audience}-s`}
                      label={`${s.label}, sessions`}
                      actual={s.sessions}
                      projected={s.sessionsProjected}
                      target={s.sessionsTarget ?? 0}
                    />
                  </dd>
                  <dd className="govuk-grid-column-one-half govuk-!-margin-left-0">
                    <p className="govuk-body govuk-!-margin-bottom-1">
                      <strong>{formatNumber(s.people)}</strong> of {formatNumber(s.peopleTarget ?? 0)} people ({s.peoplePercent ?? 0}%)
                      {s.peopleProjected !== null ? <>, on course for {formatNumber(s.peopleProjected)}</> : null}
                    </p>
                    <TargetBar
                      id={`t-${s.audience}-p`}
                      label={`${s.label}, people reached`}
                      actual={s.people}
                      projected={s.peopleProjected}
                      target={s.peopleTarget ?? 0}
                    />
                  </dd>
                </div>
              ))}
          </dl>
        </>
      ) : scopeKind === "all" ? (
        <InsetText>Targets are set for the whole programme, so they are not shown for one district.</InsetText>
      ) : null}
      <ReportTable
        table={t("targets")!}
        caption={withTargets ? undefined : "Sessions and people reached, by audience"}
        csvHref={csv("targets")}
        hideColumns={withTargets ? [] : ["sessions_target", "sessions_percent", "people_target", "people_percent"]}
      />

      <h2 className="govuk-heading-m">Pipeline</h2>
      <ReportTable table={t("pipeline")!} csvHref={csv("pipeline")} hideColumns={scopeKind === "organisations" ? ["requested", "requested_pupils"] : []} />

      {districts ? (
        <>
          <h2 className="govuk-heading-m">By district</h2>
          <BarChart
            id="chart-districts"
            title="People reached by district"
            description={districts.rows
              .map((r) => `${r.cells.district}: ${formatNumber(Number(r.cells.people))} people, ${formatNumber(Number(r.cells.sessions))} sessions`)
              .join("; ")}
            data={districts.rows.map((r) => ({
              label: String(r.cells.district),
              value: Number(r.cells.people),
            }))}
            unit="people reached in the period"
          />
          <ReportTable table={districts} csvHref={csv("districts")} />
        </>
      ) : null}

      <h2 className="govuk-heading-m">By month</h2>
      <ColumnChart
        id="chart-months"
        title="Sessions delivered each month, with the running total"
        description={
          months.rows
            .filter((r) => Number(r.cells.sessions) > 0)
            .map((r) => `${r.cells.period}: ${r.cells.sessions}`)
            .join("; ") || "No sessions delivered in the period."
        }
        data={view.monthsChart}
        unit="sessions delivered"
        cumulative
      />
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Table: by month</span>
        </summary>
        <div className="govuk-details__text">
          <ReportTable table={months} csvHref={csv("months")} hideColumns={["from", "to"]} />
        </div>
      </details>

      <h2 className="govuk-heading-m">By financial quarter</h2>
      <ColumnChart
        id="chart-quarters"
        title="People reached each financial quarter (April to March)"
        description={quarters.rows.map((r) => `${r.cells.period}: ${formatNumber(Number(r.cells.people))} people, ${r.cells.sessions} sessions`).join("; ")}
        data={view.quartersChart}
        unit="people reached"
      />
      <ReportTable table={quarters} csvHref={csv("quarters")} hideColumns={["from", "to"]} />

      <h2 className="govuk-heading-m">By school or setting</h2>
      <ReportTable table={t("settings")!} csvHref={csv("settings")} />
      {scopeKind !== "organisations" ? (
        <p className="govuk-body">
          <strong data-figure="not-reached:count">{formatNumber(view.notReachedCount)}</strong>{" "}
          {view.notReachedCount === 1 ? "school or setting has" : "schools and settings have"} not yet had a delivered session
          {view.filters.audience ? " for this audience" : ""}.{" "}
          <Link className="govuk-link" to={`/reports/schools?${view.query}`}>
            See every school and setting, and those not yet reached
          </Link>
        </p>
      ) : null}

      <h2 className="govuk-heading-m">Feedback: change from before to after</h2>
      {view.sections.feedback.available ? null : (
        <InsetText>
          <strong>Not yet available.</strong> {view.sections.feedback.reason}
        </InsetText>
      )}
      <h2 className="govuk-heading-m">E-learning reach</h2>
      {view.sections.learning.available ? null : (
        <InsetText>
          <strong>Not yet available.</strong> {view.sections.learning.reason}
        </InsetText>
      )}
      {scopeKind === "all" ? (
        <>
          <h2 className="govuk-heading-m">Safeguarding concerns and referrals</h2>
          {view.sections.safeguarding.available ? null : (
            <InsetText>
              <strong>Not yet available.</strong> {view.sections.safeguarding.reason}
            </InsetText>
          )}
        </>
      ) : null}

      <h2 className="govuk-heading-m" id="counting">
        How each figure is counted
      </h2>
      <dl className="govuk-summary-list">
        {rules.map((r) => (
          <div className="govuk-summary-list__row" key={r.figure}>
            <dt className="govuk-summary-list__key">{r.figure}</dt>
            <dd className="govuk-summary-list__value">{r.rule}</dd>
          </div>
        ))}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Exports</dt>
          <dd className="govuk-summary-list__value">
            CSV files and the quarterly return leave the programme, so counts of people from 1 to 4 show as “fewer than 5”, and where that number could be
            worked out from a total, another figure is “withheld”. This page shows the exact figures.
          </dd>
        </div>
      </dl>
      {canReturn ? (
        <p className="govuk-body lantern-no-print">
          <Link className="govuk-link" to={`/reports/return?programme=${view.programme.id}`}>
            Prepare the quarterly monitoring return
          </Link>
        </p>
      ) : null}
    </>
  );
}

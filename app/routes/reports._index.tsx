import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FilterSelect } from "~/components/filters";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { BarChart } from "~/components/charts/BarChart";
import { BeforeAfterChart } from "~/components/charts/BeforeAfterChart";
import { ColumnChart } from "~/components/charts/ColumnChart";
import { TargetBar } from "~/components/charts/TargetBar";
import { InsetText, pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { dashboardInput, requireReportViewer } from "~/reports/access.server";
import { COUNTING_RULES } from "~/reports/dashboard.server";
import { OUTCOME_RULES } from "~/reports/outcomes.server";
import { dashboardView } from "~/reports/page.server";
import { ReportTable } from "~/reports/ReportTable";
import { formatNumber, type Table } from "~/reports/tables";
import { formatDay } from "~/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.view ? `${data.view.programme.name} dashboard` : "Dashboard");

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
    canEditTypes: auth.permissions.has("admin:organisations"),
    rules: COUNTING_RULES,
    outcomeRules: OUTCOME_RULES,
  };
}

/** "On course" when the projection reaches the target; "Behind" otherwise (in words, not only colour). */
function OnCourse({ projected, target }: { projected: number | null; target: number | null }) {
  if (projected === null || !target) return null;
  return projected >= target ? <Tag colour="green">On course</Tag> : <Tag colour="red">Behind</Tag>;
}

function districtName(districts: { id: string; name: string }[], id: string | null) {
  return id === null
    ? "No district"
    : (districts.find((d) => d.id === id)?.name ?? "Unknown district");
}

function tableOf(tables: Table[], id: string) {
  return tables.find((t) => t.id === id);
}

function Filters({
  view,
  withDistrict,
}: {
  view: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["view"]>;
  withDistrict: boolean;
}) {
  const nav = useNavigation();
  return (
    <Form
      method="get"
      action="/reports"
      className="lantern-filters lantern-no-print"
      aria-label="Filter the dashboard"
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter">
          <FilterSelect
            name="programme"
            label="Programme"
            value={view.filters.programme}
            options={view.programmes.map((p) => ({ value: p.id, label: p.name }))}
            fullWidth
          />
        </div>
        <div className="govuk-grid-column-one-quarter">
          <FilterSelect
            name="period"
            label="Period"
            value={view.filters.period}
            options={[{ value: "all", label: "Whole programme" }]}
            groups={[
              { label: "Financial years (April to March)", options: view.periods.years },
              { label: "Quarters", options: view.periods.quarters },
            ]}
            fullWidth
          />
        </div>
        {withDistrict ? (
          <div className="govuk-grid-column-one-quarter">
            <FilterSelect
              name="district"
              label="District"
              value={view.filters.district}
              allLabel="All districts"
              options={view.districts.map((d) => ({ value: d.id, label: d.name }))}
              fullWidth
            />
          </div>
        ) : null}
        <div className="govuk-grid-column-one-quarter">
          <FilterSelect
            name="audience"
            label="Audience"
            value={view.filters.audience}
            allLabel="All audiences"
            options={view.audiences.map((a) => ({ value: a.name, label: a.label }))}
            fullWidth
          />
        </div>
      </div>
      <div className="govuk-button-group">
        <button
          type="submit"
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
          disabled={nav.state === "loading"}
        >
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
  const { view, scopeKind, scopeLabel, canReturn, canEditTypes, rules, outcomeRules } =
    useLoaderData<typeof loader>();
  if (!view) {
    return (
      <>
        <h1 className="govuk-heading-l">Dashboard</h1>
        <p className="govuk-body">
          There are no programmes yet. A programme lead sets up a programme and its targets first.
        </p>
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
    view.filters.audience
      ? view.audiences.find((a) => a.name === view.filters.audience)?.label
      : null,
  ].filter(Boolean);
  return (
    <>
      <span className="govuk-caption-l">{scopeLabel}</span>
      <h1 className="govuk-heading-l">{view.programme.name} dashboard</h1>
      <p className="govuk-body-l govuk-!-margin-bottom-4" data-figure="period">
        {view.period.label}: {periodText}
        {filteredBy.length ? ` · ${filteredBy.join(" · ")}` : ""}. Figures as recorded by{" "}
        {formatDay(view.today)}.
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
            Solid bar: done so far. Dashed outline: where it ends at the current pace. Black line:
            the target
            {view.period.value === "all"
              ? ""
              : " for this period (the three-year target shared out by days)"}
            .
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
                      <strong>{formatNumber(s.sessions)}</strong> of{" "}
                      {formatNumber(s.sessionsTarget ?? 0)} sessions ({s.sessionsPercent ?? 0}%)
                      {s.sessionsProjected !== null ? (
                        <>, on course for {formatNumber(s.sessionsProjected)}</>
                      ) : null}
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
                      <strong>{formatNumber(s.people)}</strong> of{" "}
                      {formatNumber(s.peopleTarget ?? 0)} people ({s.peoplePercent ?? 0}%)
                      {s.peopleProjected !== null ? (
                        <>, on course for {formatNumber(s.peopleProjected)}</>
                      ) : null}
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
        <InsetText>
          Targets are set for the whole programme, so they are not shown for one district.
        </InsetText>
      ) : null}
      <ReportTable
        table={t("targets")!}
        caption={withTargets ? undefined : "Sessions and people reached, by audience"}
        csvHref={csv("targets")}
        hideColumns={
          withTargets
            ? []
            : ["sessions_target", "sessions_percent", "people_target", "people_percent"]
        }
      />

      <h2 className="govuk-heading-m">Pipeline</h2>
      <ReportTable
        table={t("pipeline")!}
        csvHref={csv("pipeline")}
        hideColumns={scopeKind === "organisations" ? ["requested", "requested_pupils"] : []}
      />

      {districts ? (
        <>
          <h2 className="govuk-heading-m">By district</h2>
          <BarChart
            id="chart-districts"
            title="People reached by district"
            description={districts.rows
              .map(
                (r) =>
                  `${r.cells.district}: ${formatNumber(Number(r.cells.people))} people, ${formatNumber(Number(r.cells.sessions))} sessions`,
              )
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
        description={quarters.rows
          .map(
            (r) =>
              `${r.cells.period}: ${formatNumber(Number(r.cells.people))} people, ${r.cells.sessions} sessions`,
          )
          .join("; ")}
        data={view.quartersChart}
        unit="people reached"
      />
      <ReportTable table={quarters} csvHref={csv("quarters")} hideColumns={["from", "to"]} />

      <h2 className="govuk-heading-m" id="setting-types">
        By type of setting
      </h2>
      <p className="govuk-body">
        The table an evaluation reports: settings reached, sessions and people, shared out by the
        type of setting. Shares are whole percentages that add up to 100: each is rounded down, and
        the points left over go to the shares that lost most in rounding, so none is more than one
        point from its exact value.
      </p>
      <ReportTable table={t("setting-types")!} csvHref={csv("setting-types")} />
      {view.settingTypesUnknown > 0 && canEditTypes ? (
        <InsetText>
          <span data-figure="setting-types:unknown">{formatNumber(view.settingTypesUnknown)}</span>{" "}
          {view.settingTypesUnknown === 1 ? "setting" : "settings"} reached{" "}
          {view.settingTypesUnknown === 1 ? "has" : "have"} no type in the schools register and
          {view.settingTypesUnknown === 1 ? " counts" : " count"} as “Other”. Choose a type on the
          setting’s page in{" "}
          <Link className="govuk-link" to="/admin/organisations?kind=setting">
            organisations
          </Link>
          .
        </InsetText>
      ) : null}

      <h2 className="govuk-heading-m">By school or setting</h2>
      <ReportTable table={t("settings")!} csvHref={csv("settings")} />
      {scopeKind !== "organisations" ? (
        <p className="govuk-body">
          <strong data-figure="not-reached:count">{formatNumber(view.notReachedCount)}</strong>{" "}
          {view.notReachedCount === 1 ? "school or setting has" : "schools and settings have"} not
          yet had a delivered session
          {view.filters.audience ? " for this audience" : ""}.{" "}
          <Link className="govuk-link" to={`/reports/schools?${view.query}`}>
            See every school and setting, and those not yet reached
          </Link>
        </p>
      ) : null}

      <h2 className="govuk-heading-m" id="feedback">
        Feedback: change from before to after
      </h2>
      {view.sections.feedback.available ? (
        <>
          <p className="govuk-body">
            People score each statement from 1 to 5 at the start of a session and again at the end,
            online or on paper. Means are worked out from every answer; the paired change only from
            people who answered online both times.
          </p>
          {view.sections.feedback.chart.length ? (
            <BeforeAfterChart
              id="chart-feedback"
              title="Mean score before and after each session, by statement (all audiences)"
              description={view.sections.feedback.chart
                .map(
                  (c) =>
                    `${c.text}: ${c.before === null ? "no answers" : c.before.toFixed(1)} before, ${c.after === null ? "no answers" : c.after.toFixed(1)} after`,
                )
                .join("; ")}
              data={view.sections.feedback.chart.map((c) => ({
                label: c.text,
                before: c.before,
                after: c.after,
              }))}
            />
          ) : null}
          <ReportTable table={t("feedback-audiences")!} csvHref={csv("feedback-audiences")} />
          <p className="govuk-body">
            <Link className="govuk-link" to={`/reports/outcomes?${view.query}#feedback-districts`}>
              Feedback by statement and district
            </Link>
          </p>
        </>
      ) : (
        <InsetText>{view.sections.feedback.reason}</InsetText>
      )}

      <h2 className="govuk-heading-m" id="learning">
        E-learning reach
      </h2>
      {view.sections.learning.available ? (
        <>
          <div className="govuk-grid-row">
            {[
              [
                "Organisations reached",
                view.sections.learning.totals.organisationsReached,
                "organisations",
              ],
              ["Learners enrolled", view.sections.learning.totals.enrolled, "enrolled"],
              ["Learners completed", view.sections.learning.totals.completed, "completed"],
            ].map(([label, value, key]) => (
              <div className="govuk-grid-column-one-third" key={String(key)}>
                <p className="govuk-body govuk-!-margin-bottom-1">{label}</p>
                <p
                  className="govuk-heading-l govuk-!-margin-bottom-4"
                  data-figure={`learning-headline:${key}`}
                >
                  {formatNumber(Number(value))}
                </p>
              </div>
            ))}
          </div>
          <BarChart
            id="chart-learning"
            title="E-learning: learners enrolled by district, and learners who completed"
            description={
              view.sections.learning.districts
                .map(
                  (d) =>
                    `${districtName(view.districts, d.districtId)}: ${formatNumber(d.enrolled)} enrolled, ${formatNumber(d.completed)} completed`,
                )
                .join("; ") || "No learners in the period."
            }
            data={view.districts
              .filter((d) => !view.filters.district || d.id === view.filters.district)
              .map((d) => {
                const x = view.sections.learning.available
                  ? view.sections.learning.districts.find((y) => y.districtId === d.id)
                  : undefined;
                return { label: d.name, value: x?.enrolled ?? 0, marker: x?.completed ?? 0 };
              })}
            unit="learners enrolled in the period"
            markerLabel="learners who completed a module in the period"
          />
          <ReportTable table={t("learning-districts")!} csvHref={csv("learning-districts")} />
          <p className="govuk-body">
            <Link
              className="govuk-link"
              to={`/reports/outcomes?${view.query}#learning-organisations`}
            >
              E-learning by organisation
            </Link>
          </p>
        </>
      ) : (
        <InsetText>{view.sections.learning.reason}</InsetText>
      )}

      <h2 className="govuk-heading-m" id="safeguarding">
        Safeguarding concerns and referrals
      </h2>
      {view.sections.safeguarding.available ? (
        <>
          <p className="govuk-body">
            <strong data-figure="safeguarding-headline:concerns">
              {formatNumber(view.sections.safeguarding.concerns)}
            </strong>{" "}
            {view.sections.safeguarding.concerns === 1 ? "concern" : "concerns"} and{" "}
            <strong data-figure="safeguarding-headline:referrals">
              {formatNumber(view.sections.safeguarding.referrals)}
            </strong>{" "}
            {view.sections.safeguarding.referrals === 1 ? "referral" : "referrals"} recorded after
            sessions in the period. Counts only: the records themselves are in the safeguarding log,
            for safeguarding-cleared staff.
          </p>
          <ReportTable table={t("safeguarding")!} csvHref={csv("safeguarding")} />
        </>
      ) : (
        <InsetText>{view.sections.safeguarding.reason}</InsetText>
      )}

      {canReturn ? (
        <>
          <h2 className="govuk-heading-m" id="casework">
            1-2-1 support and mentoring
          </h2>
          <p className="govuk-body">
            Referrals, caseload, time to first contact, assessment change and outcomes at closure
            for SOS+ 1-2-1 and Pathways Out:{" "}
            <Link className="govuk-link" to="/reports/casework">
              1-2-1 support in figures
            </Link>
            .
          </p>
        </>
      ) : null}

      <h2 className="govuk-heading-m" id="counting">
        How each figure is counted
      </h2>
      <dl className="govuk-summary-list">
        {[...rules, ...outcomeRules].map((r) => (
          <div className="govuk-summary-list__row" key={r.figure}>
            <dt className="govuk-summary-list__key">{r.figure}</dt>
            <dd className="govuk-summary-list__value">{r.rule}</dd>
          </div>
        ))}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Exports</dt>
          <dd className="govuk-summary-list__value">
            CSV files and the quarterly return leave the programme, so counts of people from 1 to 4
            show as “fewer than 5”, and where that number could be worked out from a total, another
            figure is “withheld”. This page shows the exact figures.
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

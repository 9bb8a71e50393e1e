import { formatDay } from "~/utils/dates";
import { percentOf } from "./periods";
import { COUNTING_RULES } from "./dashboard.server";
import { OUTCOME_RULES } from "./outcomes.server";
import type { PdfTable, ReturnPdfData } from "./return-pdf.server";
import { printedOutcomes, suppressedReturn, type ReturnData } from "./return.server";
import { suppressedCells } from "./export-suppression";
import { FEWER_THAN_5, WITHHELD } from "./suppression";
import { formatNumber, type CellValue, type Column } from "./tables";

// The return as the PDF prints it: every count of people suppressed, every figure formatted, as
// plain strings. Made on the request thread (cheap); the drawing happens in the PDF worker pool.

function n(v: number | null | undefined) {
  return v === null || v === undefined ? "–" : formatNumber(v);
}
function pct(actual: string | number, target: number | null) {
  if (!target) return "–";
  if (typeof actual === "string" && (actual === FEWER_THAN_5 || actual === WITHHELD))
    return "withheld";
  return `${percentOf(Number(actual), target)}%`;
}
function shown(v: string) {
  return /^\d+$/.test(v) ? formatNumber(Number(v)) : v;
}

function cellText(v: CellValue | undefined, c: Column) {
  if (v === null || v === undefined || v === "") return "–";
  if (typeof v === "number") {
    if (c.key.includes("mean") || c.key.includes("change"))
      return c.key.includes("change") && v > 0 ? `+${v.toFixed(2)}` : v.toFixed(2);
    return `${formatNumber(v)}${c.key.endsWith("_percent") ? "%" : ""}`;
  }
  return v;
}

const SHORT_LABELS: Record<string, string> = {
  answers_before: "Answers before",
  mean_before: "Mean before",
  answers_after: "Answers after",
  mean_after: "Mean after",
  change: "Change in mean",
  pairs: "Paired people",
  paired_change: "Paired change",
};

export function returnPdfData(r: ReturnData): ReturnPdfData {
  const sup = suppressedReturn(r);
  const outputs: PdfTable[] = r.spans.map((span) => ({
    title: `${span.label} (${formatDay(span.period.from)} to ${formatDay(span.period.to)}) — against the ${span.targetLabel.toLowerCase()}`,
    header: [
      "Audience",
      "Sessions",
      "Target",
      "% of target",
      "People reached",
      "Target",
      "% of target",
      "Settings",
    ],
    rows: r.audiences.map((a, i) => {
      const f = a.spans[span.key];
      const people = sup.audiencePeople[span.key].rows[i];
      return {
        cells: [
          a.label,
          n(f.sessions),
          n(f.sessionsTarget),
          pct(f.sessions, f.sessionsTarget),
          shown(people),
          n(f.peopleTarget),
          pct(people, f.peopleTarget),
          n(f.settings),
        ],
      };
    }),
    total: [
      "All audiences",
      n(r.totals[span.key].sessions),
      "",
      "",
      shown(sup.audiencePeople[span.key].total),
      "",
      "",
      n(r.totals[span.key].settings),
    ],
  }));
  outputs.push({
    title: "This quarter by district",
    header: [
      "District",
      "Sessions",
      ...r.districtAudiences.map((a) => a.label),
      "People reached",
      "Settings",
    ],
    rows: r.districts.map((d, i) => ({
      cells: [
        d.name,
        n(d.sessions),
        ...sup.districtPeople[i].map(shown),
        shown(sup.districtTotals[i]),
        n(d.settings),
      ],
    })),
    total: [
      "All districts",
      n(r.totals.quarter.sessions),
      ...sup.audienceTotals.map(shown),
      shown(sup.grand),
      n(r.totals.quarter.settings),
    ],
  });

  // The table an evaluation reports, for each span, suppressed as the CSV is.
  r.spans.forEach((span, i) => {
    const table = r.settingTypes[i];
    const { rows, total } = suppressedCells(table);
    outputs.push({
      title: `${table.title} (${formatDay(span.period.from)} to ${formatDay(span.period.to)})`,
      note:
        i === 0
          ? "Shares are whole percentages that add up to 100: each rounded down, the points left over to those that lost most in rounding."
          : undefined,
      header: table.columns.map((c) => c.label),
      widths: [2.6, 1, 1, 1, 1, 1],
      rows: rows.map((row) => ({ cells: table.columns.map((c) => cellText(row[c.key], c)) })),
      total: total ? table.columns.map((c) => cellText(total[c.key], c)) : undefined,
    });
  });

  const outcomes: PdfTable[] = printedOutcomes(r).map(({ table, rows, total }) => {
    // The statement is printed once, on its group's first row.
    const feedback = table.id.startsWith("feedback");
    const columns = table.columns;
    const label = (c: Column) => SHORT_LABELS[c.key] ?? c.label;
    return {
      title: table.title,
      note: feedback
        ? "Scores out of 5. Change in mean: mean after minus mean before. Paired change: the average of each person's own change, for people who answered online both times."
        : table.id === "learning-districts"
          ? "Learners from VCSE organisations and schools; each organisation's figures are on the dashboard."
          : table.id.startsWith("casework-")
            ? "1-2-1 support and mentoring, every casework programme, this quarter. Counts of young people only."
            : "Counts only, by the district of the session.",
      header: columns.map(label),
      textColumns: columns.filter((c) => !c.numeric).length,
      widths: feedback
        ? [3.2, 1.6, 1, 1, 1, 1, 1, 1, 1]
        : table.id === "safeguarding"
          ? [3, ...columns.slice(1).map(() => 1)]
          : undefined,
      rows: rows.map((row, i) => ({
        bold: feedback && row.subtotal,
        cells: columns.map((c, j) =>
          feedback && j === 0 && i > 0 && rows[i - 1].cells.statement === row.cells.statement
            ? ""
            : cellText(row.cells[c.key], c),
        ),
      })),
      total: total ? columns.map((c) => cellText(total[c.key], c)) : undefined,
    };
  });

  return {
    title: `Quarterly monitoring return: ${r.programme.name}`,
    subtitle: `${r.quarter.label}: ${formatDay(r.quarter.from)} to ${formatDay(r.quarter.to)}. Prepared on ${formatDay(r.preparedOn)}.`,
    footer: `${r.programme.name} · ${r.quarter.label} · prepared ${formatDay(r.preparedOn)}`,
    headline: [
      { label: "Sessions delivered this quarter", value: n(r.totals.quarter.sessions) },
      { label: "People reached this quarter", value: shown(sup.audiencePeople.quarter.total) },
      { label: "Settings reached this quarter", value: n(r.totals.quarter.settings) },
    ],
    outputs,
    outcomes,
    unavailable: r.outcomes.unavailable,
    rules: [
      ...COUNTING_RULES.filter((c) => c.figure !== "Pipeline" && c.figure !== "Projection"),
      ...OUTCOME_RULES,
      {
        figure: "Small numbers",
        rule: "Counts of people from 1 to 4 are shown as “fewer than 5”. Where such a count could be worked out from a total, another figure is shown as “withheld”, and so are means and rates worked out from a hidden count.",
      },
    ],
  };
}

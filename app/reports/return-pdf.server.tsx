import { createRequire } from "node:module";
import { Document, Font, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import { formatDay } from "~/utils/dates";
import { COUNTING_RULES } from "./dashboard.server";
import { suppressedReturn, type ReturnData } from "./return.server";
import { FEWER_THAN_5, WITHHELD } from "./suppression";
import { formatNumber } from "./tables";

// The quarterly monitoring return as a PDF. The component takes plain data and never queries.
// Fonts are local TTF files (Source Sans 3), registered once.

const require = createRequire(import.meta.url);
let registered = false;
function registerFonts() {
  if (registered) return;
  Font.register({
    family: "Source Sans 3",
    fonts: [
      { src: require.resolve("@expo-google-fonts/source-sans-3/400Regular/SourceSans3_400Regular.ttf"), fontWeight: 400 },
      { src: require.resolve("@expo-google-fonts/source-sans-3/700Bold/SourceSans3_700Bold.ttf"), fontWeight: 700 },
    ],
  });
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}

const s = StyleSheet.create({
  page: { fontFamily: "Source Sans 3", fontSize: 9.5, padding: 36, paddingBottom: 48, color: "#0b0c0c" },
  brand: { fontSize: 9, color: "#505a5f", marginBottom: 4 },
  h1: { fontSize: 20, fontWeight: 700, marginBottom: 2 },
  sub: { fontSize: 12, marginBottom: 10 },
  h2: { fontSize: 13, fontWeight: 700, marginTop: 12, marginBottom: 5, borderBottom: "2pt solid #1d70b8", paddingBottom: 2 },
  h3: { fontSize: 10.5, fontWeight: 700, marginTop: 6, marginBottom: 3 },
  row: { flexDirection: "row", borderBottom: "0.5pt solid #b1b4b6", paddingVertical: 2.5 },
  head: { flexDirection: "row", borderBottom: "1pt solid #0b0c0c", paddingVertical: 2.5, fontWeight: 700 },
  totalRow: { flexDirection: "row", borderTop: "1pt solid #0b0c0c", paddingVertical: 2.5, fontWeight: 700 },
  first: { flex: 2.4 },
  cell: { flex: 1, textAlign: "right" },
  small: { fontSize: 8.5, color: "#505a5f" },
  note: { fontSize: 8.5, marginBottom: 3 },
  bold: { fontWeight: 700 },
  footer: { position: "absolute", bottom: 20, left: 36, right: 36, fontSize: 8, color: "#505a5f", flexDirection: "row", justifyContent: "space-between" },
  key: { flexDirection: "row", flexWrap: "wrap", marginBottom: 6 },
  stat: { width: "33%", paddingRight: 8 },
  statFigure: { fontSize: 18, fontWeight: 700 },
});

function n(v: number | null | undefined) {
  return v === null || v === undefined ? "–" : formatNumber(v);
}
function pct(actual: string | number, target: number | null) {
  if (!target) return "–";
  if (typeof actual === "string" && (actual === FEWER_THAN_5 || actual === WITHHELD)) return "withheld";
  return `${Math.floor((Number(actual) * 100) / target)}%`;
}
function shown(v: string) {
  return /^\d+$/.test(v) ? formatNumber(Number(v)) : v;
}

function Row({ cells, style = s.row }: { cells: string[]; style?: Style }) {
  return (
    <View style={style} wrap={false}>
      {cells.map((c, i) => (
        <Text key={i} style={i === 0 ? s.first : s.cell}>
          {c}
        </Text>
      ))}
    </View>
  );
}

export function ReturnDocument({ r }: { r: ReturnData }) {
  const sup = suppressedReturn(r);
  return (
    <Document title={`Quarterly monitoring return: ${r.programme.name}, ${r.quarter.label}`} author="Lantern" subject="Outputs and outcomes for the quarter">
      <Page size="A4" style={s.page}>
        <Text style={s.brand}>Lantern · Office of the Police and Crime Commissioner for Norfolk · Early Intervention Youth Fund</Text>
        <Text style={s.h1}>Quarterly monitoring return: {r.programme.name}</Text>
        <Text style={s.sub}>
          {r.quarter.label}: {formatDay(r.quarter.from)} to {formatDay(r.quarter.to)}. Prepared on {formatDay(r.preparedOn)}.
        </Text>
        <View style={s.key}>
          <View style={s.stat}>
            <Text>Sessions delivered this quarter</Text>
            <Text style={s.statFigure}>{n(r.totals.quarter.sessions)}</Text>
          </View>
          <View style={s.stat}>
            <Text>People reached this quarter</Text>
            <Text style={s.statFigure}>{shown(sup.audiencePeople.quarter.total)}</Text>
          </View>
          <View style={s.stat}>
            <Text>Settings reached this quarter</Text>
            <Text style={s.statFigure}>{n(r.totals.quarter.settings)}</Text>
          </View>
        </View>

        <Text style={s.h2}>Outputs against target</Text>
        {r.spans.map((span) => (
          <View key={span.key} wrap={false}>
            <Text style={s.h3}>
              {span.label} ({formatDay(span.period.from)} to {formatDay(span.period.to)}) — against the {span.targetLabel.toLowerCase()}
            </Text>
            <Row style={s.head} cells={["Audience", "Sessions", "Target", "% of target", "People reached", "Target", "% of target", "Settings"]} />
            {r.audiences.map((a, i) => {
              const f = a.spans[span.key];
              const people = sup.audiencePeople[span.key].rows[i];
              return (
                <Row
                  key={a.audience}
                  cells={[a.label, n(f.sessions), n(f.sessionsTarget), pct(f.sessions, f.sessionsTarget), shown(people), n(f.peopleTarget), pct(people, f.peopleTarget), n(f.settings)]}
                />
              );
            })}
            <Row
              style={s.totalRow}
              cells={["All audiences", n(r.totals[span.key].sessions), "", "", shown(sup.audiencePeople[span.key].total), "", "", n(r.totals[span.key].settings)]}
            />
          </View>
        ))}

        <View wrap={false}>
          <Text style={s.h2}>This quarter by district</Text>
          <Row style={s.head} cells={["District", "Sessions", ...r.districtAudiences.map((a) => a.label), "People reached", "Settings"]} />
          {r.districts.map((d, i) => (
            <Row key={d.id ?? "none"} cells={[d.name, n(d.sessions), ...sup.districtPeople[i].map(shown), shown(sup.districtTotals[i]), n(d.settings)]} />
          ))}
          <Row style={s.totalRow} cells={["All districts", n(r.totals.quarter.sessions), ...sup.audienceTotals.map(shown), shown(sup.grand), n(r.totals.quarter.settings)]} />
        </View>

        <Text style={s.h2}>Outcomes</Text>
        {r.feedback.available ? (
          r.feedback.rows.map((f, i) => (
            <Text key={i} style={s.note}>
              {f.statement} ({f.audience}): before {f.meanBefore?.toFixed(2) ?? "–"}, after {f.meanAfter?.toFixed(2) ?? "–"}, change {f.change?.toFixed(2) ?? "–"}
            </Text>
          ))
        ) : (
          <Text style={s.note}>
            <Text style={s.bold}>Not yet available. </Text>
            {r.feedback.reason}
          </Text>
        )}

        <Text style={s.h2}>How the figures are counted</Text>
        {COUNTING_RULES.filter((c) => c.figure !== "Pipeline" && c.figure !== "Projection").map((c) => (
          <Text key={c.figure} style={s.note}>
            <Text style={s.bold}>{c.figure}. </Text>
            {c.rule}
          </Text>
        ))}
        <Text style={s.note}>
          <Text style={s.bold}>Small numbers. </Text>
          Counts of people from 1 to 4 are shown as “fewer than 5”. Where such a count could be worked out from a total, another figure is
          shown as “withheld”.
        </Text>
        <View style={s.footer} fixed>
          <Text>
            {r.programme.name} · {r.quarter.label} · prepared {formatDay(r.preparedOn)}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

export async function renderReturnPdf(r: ReturnData): Promise<Buffer> {
  registerFonts();
  return renderToBuffer(<ReturnDocument r={r} />);
}

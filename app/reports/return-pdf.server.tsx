import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import { PDF_FONT, registerPdfFonts } from "../pdf/fonts.server";

// The quarterly monitoring return as a PDF. It is drawn in the PDF worker pool (app/pdf), off the
// request thread, from plain data that is already suppressed and formatted (return-print.server.ts
// makes it): the component never queries and never sees an unsuppressed count.
// Relative imports only: the render worker loads this file through tsx outside Vite.

export interface PdfTable {
  title: string;
  note?: string;
  header: string[];
  /** Relative widths of the columns (the first is usually wider). */
  widths?: number[];
  /** How many leading columns hold words (left-aligned); the rest are figures. Default 1. */
  textColumns?: number;
  rows: { cells: string[]; bold?: boolean }[];
  total?: string[];
}

export interface ReturnPdfData {
  title: string;
  subtitle: string;
  footer: string;
  headline: { label: string; value: string }[];
  outputs: PdfTable[];
  outcomes: PdfTable[];
  unavailable: { section: string; reason: string }[];
  rules: { figure: string; rule: string }[];
}

const BOLD = 600;

const s = StyleSheet.create({
  page: { fontFamily: PDF_FONT, fontSize: 9.5, padding: 36, paddingBottom: 48, color: "#0b0c0c" },
  brand: { fontSize: 9, color: "#505a5f", marginBottom: 4 },
  h1: { fontSize: 20, fontWeight: BOLD, marginBottom: 2 },
  sub: { fontSize: 12, marginBottom: 10 },
  h2: {
    fontSize: 13,
    fontWeight: BOLD,
    marginTop: 12,
    marginBottom: 5,
    borderBottom: "2pt solid #1d70b8",
    paddingBottom: 2,
  },
  h3: { fontSize: 10.5, fontWeight: BOLD, marginTop: 8, marginBottom: 3 },
  row: { flexDirection: "row", borderBottom: "0.5pt solid #b1b4b6", paddingVertical: 2.5 },
  head: {
    flexDirection: "row",
    borderBottom: "1pt solid #0b0c0c",
    paddingVertical: 2.5,
    fontWeight: BOLD,
  },
  totalRow: {
    flexDirection: "row",
    borderTop: "1pt solid #0b0c0c",
    paddingVertical: 2.5,
    fontWeight: BOLD,
  },
  first: { textAlign: "left", paddingRight: 4 },
  cell: { textAlign: "right", paddingLeft: 3 },
  note: { fontSize: 8.5, marginBottom: 3 },
  tableNote: { fontSize: 8.5, color: "#505a5f", marginBottom: 3 },
  bold: { fontWeight: BOLD },
  footer: {
    position: "absolute",
    bottom: 20,
    left: 36,
    right: 36,
    fontSize: 8,
    color: "#505a5f",
    flexDirection: "row",
    justifyContent: "space-between",
  },
  key: { flexDirection: "row", flexWrap: "wrap", marginBottom: 6 },
  stat: { width: "33%", paddingRight: 8 },
  statFigure: { fontSize: 18, fontWeight: BOLD },
});

function Row({
  cells,
  widths,
  style = s.row,
  bold,
  text = 1,
}: {
  cells: string[];
  widths: number[];
  style?: Style;
  bold?: boolean;
  text?: number;
}) {
  return (
    <View style={bold ? [style, s.bold] : style} wrap={false}>
      {cells.map((c, i) => (
        <Text key={i} style={[i < text ? s.first : s.cell, { flex: widths[i] ?? 1 }]}>
          {c}
        </Text>
      ))}
    </View>
  );
}

function TableView({ t, small }: { t: PdfTable; small?: boolean }) {
  const widths = t.widths ?? [2.4, ...t.header.slice(1).map(() => 1)];
  return (
    <View style={small ? { fontSize: 8 } : undefined}>
      {/* The heading stays with the table's first rows. */}
      <View wrap={false}>
        <Text style={s.h3}>{t.title}</Text>
        {t.note ? <Text style={s.tableNote}>{t.note}</Text> : null}
        <Row style={s.head} cells={t.header} widths={widths} text={t.textColumns} />
        {t.rows.slice(0, 2).map((r, i) => (
          <Row key={i} cells={r.cells} widths={widths} bold={r.bold} text={t.textColumns} />
        ))}
      </View>
      {t.rows.slice(2).map((r, i) => (
        <Row key={i + 2} cells={r.cells} widths={widths} bold={r.bold} text={t.textColumns} />
      ))}
      {t.total ? (
        <Row style={s.totalRow} cells={t.total} widths={widths} text={t.textColumns} />
      ) : null}
    </View>
  );
}

export function ReturnDocument({ d }: { d: ReturnPdfData }) {
  return (
    <Document title={d.title} author="Lantern" subject="Outputs and outcomes for the quarter">
      <Page size="A4" style={s.page}>
        <Text style={s.brand}>
          Lantern · Office of the Police and Crime Commissioner for Norfolk · Early Intervention
          Youth Fund
        </Text>
        <Text style={s.h1}>{d.title}</Text>
        <Text style={s.sub}>{d.subtitle}</Text>
        <View style={s.key}>
          {d.headline.map((h) => (
            <View style={s.stat} key={h.label}>
              <Text>{h.label}</Text>
              <Text style={s.statFigure}>{h.value}</Text>
            </View>
          ))}
        </View>

        <Text style={s.h2}>Outputs</Text>
        {d.outputs.map((t) => (
          <TableView key={t.title} t={t} />
        ))}

        <Text style={s.h2} minPresenceAhead={120}>
          Outcomes
        </Text>
        {d.outcomes.map((t) => (
          <TableView key={t.title} t={t} small={t.header.length > 7} />
        ))}
        {d.unavailable.map((u) => (
          <Text key={u.section} style={s.note}>
            <Text style={s.bold}>{u.section}: </Text>
            {u.reason}
          </Text>
        ))}

        <Text style={s.h2} minPresenceAhead={60}>
          How the figures are counted
        </Text>
        {d.rules.map((c) => (
          <Text key={c.figure} style={s.note}>
            <Text style={s.bold}>{c.figure}. </Text>
            {c.rule}
          </Text>
        ))}
        <View style={s.footer} fixed>
          <Text>{d.footer}</Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

export async function renderReturnPdf(d: ReturnPdfData): Promise<Uint8Array> {
  registerPdfFonts();
  return new Uint8Array(await renderToBuffer(<ReturnDocument d={d} />));
}

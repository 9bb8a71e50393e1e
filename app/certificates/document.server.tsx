import {
  Circle,
  Document,
  Image,
  Line,
  Page,
  Path,
  Rect,
  StyleSheet,
  Svg,
  Text,
  View,
  renderToBuffer,
} from "@react-pdf/renderer";
import QRCode from "qrcode";
import { estimatedEms, PDF_FONT, PDF_FONTS, registerPdfFonts } from "../pdf/fonts.server";
import { logger } from "../utils/log.server";

// The certificate as a react-pdf document. It takes plain data (a certificate's own snapshot),
// never queries, and is rendered in the PDF worker pool (app/pdf/pool.server.ts), once, at issue
// time. Relative imports only: the worker loads this file through tsx, outside Vite.

export interface CertificatePdfData {
  serial: string;
  /** Display form, e.g. "7K3M-9QXD-2F8R-HW4T". */
  code: string;
  verifyUrl: string;
  holderName: string;
  kind: "module" | "session";
  achievementTitle: string;
  /** "Version 3", or "Twilight CPD for teachers · 5 March 2026". */
  achievementDetail: string | null;
  description: string | null;
  /** The date achieved, as people in England write it ("5 March 2026"). */
  dateText: string;
  issuerName: string;
  programmeName: string;
  /** ISO-8601 instant of issue: the PDF's creation date, so the same record gives the same file. */
  issuedAt: string;
}

const NAVY = "#13294b";
const GOLD = "#b8862b";
const INK = "#1f2933";
const MUTED = "#52606d";
const PAPER = "#fdfaf3";

const W = 841.89;
const HOLDER_WIDTH = 620;
const TITLE_WIDTH = 600;
const H = 595.28;

const s = StyleSheet.create({
  page: { fontFamily: PDF_FONTS, backgroundColor: PAPER, color: INK, position: "relative" },
  frame: { position: "absolute", top: 0, left: 0, width: W, height: H },
  body: { position: "absolute", top: 66, left: 80, right: 80, bottom: 56, alignItems: "center" },
  eyebrow: {
    fontSize: 10.5,
    fontWeight: 600,
    letterSpacing: 2.6,
    color: GOLD,
    marginTop: 8,
    textTransform: "uppercase",
  },
  title: { fontSize: 34, fontWeight: 600, color: NAVY, marginTop: 6, letterSpacing: 0.5 },
  certify: { fontSize: 13, fontStyle: "italic", color: MUTED, marginTop: 16 },
  holder: {
    fontSize: 36,
    fontWeight: 600,
    color: NAVY,
    marginTop: 6,
    textAlign: "center",
    maxWidth: HOLDER_WIDTH,
    maxLines: 2,
    textOverflow: "ellipsis",
  },
  rule: { width: 340, height: 1.2, backgroundColor: GOLD, marginTop: 6 },
  what: { fontSize: 13, color: MUTED, marginTop: 12 },
  achievement: {
    fontSize: 20,
    fontWeight: 600,
    color: INK,
    marginTop: 5,
    textAlign: "center",
    maxWidth: TITLE_WIDTH,
    maxLines: 3,
    textOverflow: "ellipsis",
  },
  detail: { fontSize: 11.5, color: MUTED, marginTop: 4, textAlign: "center" },
  description: {
    fontSize: 10,
    fontStyle: "italic",
    color: MUTED,
    marginTop: 6,
    textAlign: "center",
    maxWidth: 520,
    lineHeight: 1.3,
    maxLines: 2,
    textOverflow: "ellipsis",
  },
  footer: {
    position: "absolute",
    left: 92,
    right: 92,
    bottom: 62,
    flexDirection: "row",
    alignItems: "flex-end",
    justifyContent: "space-between",
  },
  col: { width: 230 },
  label: {
    fontSize: 8,
    fontWeight: 600,
    letterSpacing: 1.4,
    color: GOLD,
    textTransform: "uppercase",
  },
  value: { fontSize: 12, color: INK, marginTop: 2, marginBottom: 8 },
  valueStrong: { fontSize: 12, fontWeight: 600, color: INK, marginTop: 2 },
  small: { fontSize: 9, color: MUTED, marginTop: 1, marginBottom: 8 },
  code: {
    fontSize: 13,
    fontWeight: 600,
    color: NAVY,
    letterSpacing: 1.2,
    marginTop: 2,
    marginBottom: 8,
  },
  qrBox: { flexDirection: "row", alignItems: "flex-end", justifyContent: "flex-end" },
  qrText: { width: 118, marginRight: 8, alignItems: "flex-end" },
  qrCaption: { fontSize: 8.5, color: MUTED, textAlign: "right", lineHeight: 1.3 },
  qr: { width: 82, height: 82 },
});

/** The frame: a navy border, a thin gold line inside it, and gold corner ornaments. */
function Frame() {
  const corner = (x: number, y: number, sx: number, sy: number) => (
    <Path
      d={`M ${x} ${y + sy * 34} L ${x} ${y} L ${x + sx * 34} ${y} M ${x + sx * 8} ${y + sy * 20} L ${x + sx * 8} ${y + sy * 8} L ${x + sx * 20} ${y + sy * 8}`}
      stroke={GOLD}
      strokeWidth={1.6}
      fill="none"
    />
  );
  return (
    <View style={s.frame} fixed>
      <Svg width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
        <Rect
          x={14}
          y={14}
          width={W - 28}
          height={H - 28}
          stroke={NAVY}
          strokeWidth={7}
          fill="none"
        />
        <Rect
          x={26}
          y={26}
          width={W - 52}
          height={H - 52}
          stroke={GOLD}
          strokeWidth={0.8}
          fill="none"
        />
        {corner(34, 34, 1, 1)}
        {corner(W - 34, 34, -1, 1)}
        {corner(34, H - 34, 1, -1)}
        {corner(W - 34, H - 34, -1, -1)}
      </Svg>
    </View>
  );
}

/** A small lantern: Lantern's mark. */
function Emblem() {
  return (
    <Svg width={40} height={46} viewBox="0 0 40 46">
      <Circle cx={20} cy={5} r={3.2} stroke={NAVY} strokeWidth={1.6} fill="none" />
      <Path d="M 11 12 L 29 12 L 26 8.5 L 14 8.5 Z" fill={NAVY} />
      <Path d="M 12 12 L 9 36 L 31 36 L 28 12 Z" stroke={NAVY} strokeWidth={1.8} fill="none" />
      <Path d="M 20 17 C 24 22 24 27 20 31 C 16 27 16 22 20 17 Z" fill={GOLD} />
      <Line x1={20} y1={12} x2={20} y2={16} stroke={NAVY} strokeWidth={1} />
      <Rect x={7} y={36} width={26} height={4} fill={NAVY} />
    </Svg>
  );
}

/** Long names and titles step down in size so the page never runs into its footer. */
export function fitSize(text: string, steps: [number, number][], smallest: number): number {
  for (const [maxChars, size] of steps) if (text.length <= maxChars) return size;
  return smallest;
}

/**
 * Smaller still where the words would not fit: no word wider than a line (a word is never broken,
 * so a long one would run past the border: issue 12, item 7) and the whole within `lines` lines.
 */
export function fitToWidth(text: string, size: number, width: number, lines: number): number {
  const longestWord = Math.max(...text.split(/\s+/).map(estimatedEms), 0.01);
  // Wrapping wastes part of each line; 0.85 of `lines` lines is what a long name can count on.
  const fitted = Math.min(size, width / longestWord, (width * lines * 0.85) / estimatedEms(text));
  return Math.max(6, Math.floor(fitted * 2) / 2);
}

export function CertificateDocument({
  data,
  qrDataUrl,
  fonts = PDF_FONTS,
}: {
  data: CertificatePdfData;
  qrDataUrl: string;
  fonts?: string[];
}) {
  const holderSize = fitToWidth(
    data.holderName,
    fitSize(
      data.holderName,
      [
        [28, 36],
        [38, 30],
        [50, 24],
      ],
      20,
    ),
    HOLDER_WIDTH,
    2,
  );
  const titleSize = fitToWidth(
    data.achievementTitle,
    fitSize(
      data.achievementTitle,
      [
        [50, 20],
        [75, 17],
        [110, 15],
      ],
      13,
    ),
    TITLE_WIDTH,
    3,
  );
  const isModule = data.kind === "module";
  const verifyHost = data.verifyUrl.replace(/^https?:\/\//, "").replace(/\/verify\/.*$/, "/verify");
  const created = new Date(data.issuedAt);
  return (
    <Document
      title={`Certificate ${data.serial}: ${data.holderName}`}
      author={data.issuerName}
      subject={`${data.achievementTitle} (${data.programmeName})`}
      keywords={`certificate, ${data.serial}, ${data.programmeName}`}
      creator="Lantern"
      producer="Lantern"
      language="en-GB"
      creationDate={created}
      modificationDate={created}
    >
      <Page size="A4" orientation="landscape" style={[s.page, { fontFamily: fonts }]}>
        <Frame />
        <View style={s.body}>
          <Emblem />
          <Text style={s.eyebrow}>
            {data.programmeName} · {data.issuerName}
          </Text>
          <Text style={s.title}>
            {isModule ? "Certificate of Completion" : "Certificate of Attendance"}
          </Text>
          <Text style={s.certify}>This is to certify that</Text>
          <Text style={[s.holder, { fontSize: holderSize }]}>{data.holderName}</Text>
          <View style={s.rule} />
          <Text style={s.what}>
            {isModule
              ? "has successfully completed the e-learning module"
              : "attended the training session"}
          </Text>
          <Text style={[s.achievement, { fontSize: titleSize }]}>{data.achievementTitle}</Text>
          {data.achievementDetail ? <Text style={s.detail}>{data.achievementDetail}</Text> : null}
          {data.description ? <Text style={s.description}>{data.description}</Text> : null}
        </View>
        <View style={s.footer}>
          <View style={s.col}>
            <Text style={s.label}>Date</Text>
            <Text style={s.value}>{data.dateText}</Text>
            <Text style={s.label}>Issued by</Text>
            <Text style={s.valueStrong}>{data.issuerName}</Text>
            <Text style={s.small}>{data.programmeName}</Text>
          </View>
          <View style={[s.col, { alignItems: "center" }]}>
            <Text style={s.label}>Certificate number</Text>
            <Text style={s.value}>{data.serial}</Text>
            <Text style={s.label}>Verification code</Text>
            <Text style={s.code}>{data.code}</Text>
          </View>
          <View style={[s.col, s.qrBox]}>
            <View style={s.qrText}>
              <Text style={s.qrCaption}>Scan the code, or enter the verification code at</Text>
              <Text style={[s.qrCaption, { fontWeight: 600, color: NAVY }]}>{verifyHost}</Text>
              <Text style={s.qrCaption}>to check this certificate is genuine.</Text>
            </View>
            <Image style={s.qr} src={qrDataUrl} />
          </View>
        </View>
      </Page>
    </Document>
  );
}

export async function renderCertificatePdf(data: CertificatePdfData): Promise<Uint8Array> {
  registerPdfFonts();
  const qrDataUrl = await QRCode.toDataURL(data.verifyUrl, {
    errorCorrectionLevel: "M",
    margin: 1,
    scale: 5,
    color: { dark: "#0b1a30ff", light: "#ffffffff" },
  });
  let buffer: Buffer;
  try {
    buffer = await renderToBuffer(<CertificateDocument data={data} qrDataUrl={qrDataUrl} />);
  } catch (error) {
    // A font's tables can trip react-pdf's shaping on some text; the certificate must still be
    // made, so it is drawn again in Source Sans 3 alone (a glyph it lacks prints as a box). Logged
    // (by serial, never the name) so a font fault is seen rather than printed quietly.
    logger.warn(
      { err: error, serial: data.serial },
      "certificate drawn again without fallback fonts",
    );
    buffer = await renderToBuffer(
      <CertificateDocument data={data} qrDataUrl={qrDataUrl} fonts={[PDF_FONT]} />,
    );
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The floor for the benchmark: a one-line react-pdf document with the same font. */
export async function renderOneLinePdf(text: string): Promise<Uint8Array> {
  registerPdfFonts();
  const buffer = await renderToBuffer(
    <Document title="One line">
      <Page size="A4" style={{ fontFamily: PDF_FONT, padding: 40 }}>
        <Text>{text}</Text>
      </Page>
    </Document>,
  );
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

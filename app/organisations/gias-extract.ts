import { parse } from "csv-parse/sync";
import { formProblem, type FormProblem } from "~/utils/errors.server";

// Reading a Get Information About Schools (GIAS) establishment extract: its encoding, its columns
// and the rows of one local authority. Pure (no database), so its rules have unit tests of their
// own; gias.server.ts plans and applies an import from what this returns.

export const NORFOLK_LA_CODE = "926";
/** The whole of England's extract is about 60 MB; a single authority's is far smaller. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

// Windows-1252's bytes 0x80–0x9F (WHATWG index). Node 20.18.3+ decodes "windows-1252" as Latin-1
// (nodejs/node#56542, #60888), leaving C1 control characters where ’ € – etc. belong; these are
// mapped after decoding, which is a no-op on a Node that decodes correctly.
const C1_TO_CP1252: Record<number, string> = {
  0x80: "\u20AC",
  0x82: "\u201A",
  0x83: "\u0192",
  0x84: "\u201E",
  0x85: "\u2026",
  0x86: "\u2020",
  0x87: "\u2021",
  0x88: "\u02C6",
  0x89: "\u2030",
  0x8a: "\u0160",
  0x8b: "\u2039",
  0x8c: "\u0152",
  0x8e: "\u017D",
  0x91: "\u2018",
  0x92: "\u2019",
  0x93: "\u201C",
  0x94: "\u201D",
  0x95: "\u2022",
  0x96: "\u2013",
  0x97: "\u2014",
  0x98: "\u02DC",
  0x99: "\u2122",
  0x9a: "\u0161",
  0x9b: "\u203A",
  0x9c: "\u0153",
  0x9e: "\u017E",
  0x9f: "\u0178",
};

/** Decodes GIAS's Windows-1252 (or a UTF-8 file that starts with a byte-order mark). */
export function decodeGias(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  const text = new TextDecoder("windows-1252").decode(bytes);
  return text.replace(/[\u0080-\u009f]/g, (c) => C1_TO_CP1252[c.charCodeAt(0)] ?? c);
}

export interface GiasRow {
  urn: string;
  name: string;
  type: string;
  phase: string;
  status: string;
  postcode: string;
  districtCode: string;
  districtName: string;
}

export interface ParsedGias {
  laCode: string;
  laName: string | null;
  rows: GiasRow[];
  otherLaCount: number;
  /** A few names from other authorities, to show what was left out. */
  otherLaSample: string[];
}

const REQUIRED = [
  "URN",
  "LA (code)",
  "LA (name)",
  "EstablishmentName",
  "TypeOfEstablishment (name)",
  "PhaseOfEducation (name)",
  "EstablishmentStatus (name)",
  "Postcode",
  "DistrictAdministrative (code)",
  "DistrictAdministrative (name)",
];

/** Parses the extract, keeping every row of the chosen local authority (all statuses, for the report). */
/** A file the lead chose that is not an extract Lantern can read (answered on the file field). */
class NotAnExtract extends Error {}

export function parseGias(text: string, laCode: string): (ParsedGias & { ok: true }) | FormProblem {
  let header: string[] = [];
  let laName: string | null = null;
  let otherLaCount = 0;
  const otherLaSample: string[] = [];
  let records: GiasRow[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      columns: (h: string[]) => {
        header = h.map((x) => x.trim());
        const missing = REQUIRED.filter((c) => !header.includes(c));
        if (missing.length) {
          throw new NotAnExtract(
            `This is not a Get Information About Schools extract: it has no ${missing.map((m) => `"${m}"`).join(", ")} column${missing.length === 1 ? "" : "s"}.`,
          );
        }
        return header;
      },
      on_record: (r: Record<string, string>) => {
        if ((r["LA (code)"] ?? "").trim() !== laCode) {
          otherLaCount++;
          if (otherLaSample.length < 10)
            otherLaSample.push(`${r.EstablishmentName} (${r["LA (name)"]})`);
          return null;
        }
        laName ??= r["LA (name)"]?.trim() || null;
        return {
          urn: (r.URN ?? "").trim(),
          name: (r.EstablishmentName ?? "").trim().replace(/\s+/g, " "),
          type: (r["TypeOfEstablishment (name)"] ?? "").trim(),
          phase: (r["PhaseOfEducation (name)"] ?? "").trim(),
          status: (r["EstablishmentStatus (name)"] ?? "").trim(),
          postcode: (r.Postcode ?? "").trim(),
          districtCode: (r["DistrictAdministrative (code)"] ?? "").trim(),
          districtName: (r["DistrictAdministrative (name)"] ?? "").trim(),
        } satisfies GiasRow;
      },
    }) as GiasRow[];
  } catch (error) {
    if (error instanceof NotAnExtract) return formProblem("file", error.message);
    return formProblem(
      "file",
      `The file could not be read as CSV: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  if (!header.length) return formProblem("file", "The file is empty.");
  return { ok: true, laCode, laName, rows: records, otherLaCount, otherLaSample };
}

// ─── Plan: what an import would change ───────────────────────────────────────

import { MONTHS } from "./dates";

// Dates entered the GOV.UK way (issue 17, item 14): three fields, day, month and year, named
// `${name}-day`, `${name}-month` and `${name}-year`, instead of the browser's date picker, which
// showed 12 January as 01/12/2027 in one browser. The rules are the Design System's: one message
// that names the field and says what is wrong ("… must include a month", "… must be a real
// date"), and only the parts in error highlighted. Pure, so the page can tell which parts to
// highlight from what was typed, with the same rules the server used.

export const DATE_PARTS = ["day", "month", "year"] as const;
export type DatePart = (typeof DATE_PARTS)[number];
export type DateParts = Partial<Record<DatePart, string>>;

export type DateParse =
  | { ok: true; date: string }
  | { ok: true; date: null }
  | { ok: false; message: string; parts: DatePart[] };

/** The three parts of `${name}-day/-month/-year` from a form, as typed. */
export function readDateParts(
  form: { get(name: string): FormDataEntryValue | null },
  name: string,
): DateParts {
  const parts: DateParts = {};
  for (const p of DATE_PARTS) {
    const v = form.get(`${name}-${p}`);
    if (typeof v === "string") parts[p] = v;
  }
  return parts;
}

/** A month typed as a number (1–12) or a name: "Sept", "sep", "September". */
export function monthNumber(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\.$/, "");
  if (/^\d{1,2}$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 12 ? n : null;
  }
  if (t.length < 3) return null;
  // Any start of a month's name of three letters or more: "Mar", "Sept", "Septem", "September".
  const i = MONTHS.findIndex((m) => m.toLowerCase().startsWith(t));
  return i >= 0 ? i + 1 : null;
}

function capitalise(label: string) {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/**
 * Parses day, month and year into YYYY-MM-DD. `label` names the field in messages, in the
 * words of the question ("the date", "your first preferred date"). All three empty is
 * `{ ok: true, date: null }`: the caller says whether the field is needed.
 */
export function parseDateParts(parts: DateParts, label = "the date"): DateParse {
  const day = (parts.day ?? "").trim();
  const month = (parts.month ?? "").trim();
  const year = (parts.year ?? "").trim();
  const Label = capitalise(label);
  const missing = DATE_PARTS.filter((p) => !{ day, month, year }[p]);
  if (missing.length === 3) return { ok: true, date: null };
  if (missing.length) {
    const words = missing.length === 2 ? `${missing[0]} and ${missing[1]}` : missing[0];
    return {
      ok: false,
      message: `${Label} must include a ${words}`,
      parts: [...missing],
    };
  }
  const bad: DatePart[] = [];
  const d = /^\d{1,2}$/.test(day) ? Number(day) : NaN;
  const m = monthNumber(month);
  const y = /^\d{4}$/.test(year) ? Number(year) : NaN;
  if (!(d >= 1 && d <= 31)) bad.push("day");
  if (m === null) bad.push("month");
  if (Number.isNaN(y)) bad.push("year");
  if (bad.length === 1 && bad[0] === "year" && /^\d{1,3}$/.test(year))
    return { ok: false, message: `${Label}: the year must include 4 numbers`, parts: ["year"] };
  if (bad.length) return { ok: false, message: `${Label} must be a real date`, parts: bad };
  const t = new Date(Date.UTC(y, m! - 1, d));
  if (t.getUTCMonth() !== m! - 1 || t.getUTCDate() !== d)
    return { ok: false, message: `${Label} must be a real date`, parts: ["day"] };
  const pad = (n: number) => String(n).padStart(2, "0");
  return { ok: true, date: `${y}-${pad(m!)}-${pad(d)}` };
}

/** The three fields of a YYYY-MM-DD day, as the form shows them ("27", "3", "2027"). */
export function dateToParts(iso: string | null | undefined): DateParts | undefined {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return undefined;
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return { day: String(d), month: String(m), year: String(y) };
}

/** The form fields of a date, for posting in tests and scripts: `{ "x-day": "27", … }`. */
export function dateFields(name: string, iso: string): Record<string, string> {
  const p = dateToParts(iso)!;
  return { [`${name}-day`]: p.day!, [`${name}-month`]: p.month!, [`${name}-year`]: p.year! };
}

/**
 * parseForm moves `${name}-day` (and -month, -year) to `${name}.day` before Conform reads the
 * form, so a date arrives in the schema as one object and its error sits on `name`.
 */
export function nestDateParts(form: FormData): FormData {
  const keys = [...form.keys()];
  if (!keys.some((k) => /-(day|month|year)$/.test(k))) return form;
  const out = new FormData();
  for (const [k, v] of form.entries()) {
    out.append(k.replace(/-(day|month|year)$/, ".$1"), v);
  }
  return out;
}

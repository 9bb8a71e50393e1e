// Plain formatting shared by pages, emails and calendar files (no server code).

/** "Assembly (meeting 2 of 6) — Wensum Valley Academy" */
export function sessionTitle(s: {
  title: string;
  setting_name: string | null;
  series_index?: number | null;
  series_length?: number | null;
}) {
  const meeting =
    s.series_index && s.series_length && s.series_length > 1
      ? ` (meeting ${s.series_index} of ${s.series_length})`
      : "";
  return `${s.title}${meeting}${s.setting_name ? ` — ${s.setting_name}` : ""}`;
}

/** "Main hall, Wensum Valley Academy" */
export function placeOf(s: {
  venue: string | null;
  room: string | null;
  setting_name: string | null;
}) {
  const venue = s.venue ?? s.setting_name ?? "To be confirmed";
  return s.room ? `${s.room}, ${venue}` : venue;
}

/** A map of a postcode on OpenStreetMap (no account, no tracking script), for directions to a venue. */
export function mapLink(postcode: string) {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(postcode)}`;
}

/** A UK postcode tidied the way Royal Mail writes it: capitals, one space before the last three characters. */
export function tidyPostcode(text: string) {
  // Stryker disable next-line Regex: removing each space or each run of spaces leaves the same text
  const compact = text.replace(/\s+/g, "").toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/** The shape of a UK postcode (not proof that it exists). */
export const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;

// Plain formatting shared by pages, emails and calendar files (no server code).

/** "Assembly (meeting 2 of 6) — Wensum Valley Academy" */
export function sessionTitle(s: { title: string; setting_name: string | null; series_index?: number | null; series_length?: number | null }) {
  const meeting = s.series_index && s.series_length && s.series_length > 1 ? ` (meeting ${s.series_index} of ${s.series_length})` : "";
  return `${s.title}${meeting}${s.setting_name ? ` — ${s.setting_name}` : ""}`;
}

/** "Main hall, Wensum Valley Academy" */
export function placeOf(s: { venue: string | null; room: string | null; setting_name: string | null }) {
  const venue = s.venue ?? s.setting_name ?? "To be confirmed";
  return s.room ? `${s.room}, ${venue}` : venue;
}

import type { Queryable } from "~/db/db.server";
import { returnView } from "./return-view.server";
import { suppressed } from "~/casework/reports.server";

/** What the return page shows before download: the quarter, the choices, and outputs by audience. */
export async function returnPreview(
  db: Queryable,
  input: { programmeId: string | null; quarter: string | null },
) {
  const r = await returnView(db, input);
  if (!r) return null;
  return {
    programmeId: r.programme.id,
    programmeName: r.programme.name,
    quarter: r.quarter,
    quarters: r.quarters,
    spans: r.spans.map((s) => ({ key: s.key, label: s.label, targetLabel: s.targetLabel })),
    rows: r.audiences.map((a) => ({
      audience: a.audience,
      label: a.label,
      spans: r.spans.map((s) => ({ key: s.key, ...a.spans[s.key] })),
    })),
    settingTypes: r.settingTypes,
    outcomes: [
      ...r.outcomes.feedback,
      ...(r.outcomes.learning ? [r.outcomes.learning] : []),
      ...(r.outcomes.safeguarding ? [r.outcomes.safeguarding] : []),
      ...r.outcomes.casework.map(suppressed),
    ],
    unavailable: r.outcomes.unavailable,
  };
}

import { z } from "zod";
import {
  clearedFor,
  organisationIdsClearedAs,
  organisationIdsWithRole,
  requireAnyPermission,
  type Authenticated,
} from "~/auth/guard.server";
import type { Audience } from "~/db/schema";
import { AUDIENCE_NAMES } from "~/sessions/audiences";
import type { DashboardInput, ReportScope } from "./dashboard.server";

// Who sees which reports: programme leads (and the commissioner's office, who hold the same
// permission) see everything; a school coordinator sees their school's summary; an organisation
// manager their organisation's. The scope goes into every query, so a URL can never widen it.

// Safeguarding counts need clearance through the membership that gives the report (decision 091):
// a lead cleared as a lead; a coordinator cleared at every school the report covers (a coordinator
// of two schools cleared at one sees no safeguarding counts rather than the other school's).
export function reportScope(auth: Authenticated): ReportScope {
  if (auth.permissions.has("report:view:any"))
    return { kind: "all", safeguardingCleared: clearedFor(auth.user, "report:view:any") };
  if (auth.permissions.has("report:view:own-school")) {
    const settingIds = organisationIdsWithRole(auth.user, "school_coordinator");
    const cleared = new Set(organisationIdsClearedAs(auth.user, "school_coordinator"));
    return {
      kind: "settings",
      settingIds,
      safeguardingCleared: settingIds.length > 0 && settingIds.every((id) => cleared.has(id)),
    };
  }
  return {
    kind: "organisations",
    organisationIds: organisationIdsWithRole(auth.user, "organisation_manager"),
  };
}

export async function requireReportViewer(request: Request) {
  const auth = await requireAnyPermission(request, [
    "report:view:any",
    "report:view:own-school",
    "report:view:own-organisation",
  ]);
  return { auth, scope: reportScope(auth) };
}

const Query = z
  .object({
    programme: z.string().max(64).optional(),
    period: z.string().max(32).optional(),
    district: z.string().max(64).optional(),
    audience: z.enum(AUDIENCE_NAMES).optional().catch(undefined),
  })
  .strip();

/** The filters in a URL. Unknown or malformed values fall back to defaults rather than failing. */
export function dashboardInput(url: URL): DashboardInput {
  const raw: Record<string, string> = {};
  for (const key of ["programme", "period", "district", "audience"]) {
    const v = url.searchParams.get(key);
    if (v) raw[key] = v;
  }
  const parsed = Query.safeParse(raw);
  const q = parsed.success ? parsed.data : {};
  return {
    programmeId: q.programme ?? null,
    period: q.period ?? null,
    districtId: q.district ?? null,
    audience: (q.audience as Audience | undefined) ?? null,
  };
}

import { organisationIdsWithRole, type Authenticated } from "~/auth/guard.server";
import type { Queryable } from "~/db/db.server";

// Who is asking, reduced to what scopes their view of bookings and sessions. Every capability
// function filters by this, so an id in a URL never reaches another school's data.
export interface Viewer {
  userId: string;
  /** Programme leads: every request and session. */
  all: boolean;
  /** Trainers: the sessions they are assigned to. */
  trainer: boolean;
  /** School coordinators: their schools' classes, requests and sessions. */
  schoolIds: string[];
}

export function viewerOf(auth: Authenticated): Viewer {
  return {
    userId: auth.user.id,
    all: auth.permissions.has("session:view:any") || auth.permissions.has("booking:schedule:any"),
    trainer: auth.permissions.has("session:deliver:assigned"),
    schoolIds:
      auth.permissions.has("class:manage:own-school") ||
      auth.permissions.has("booking:request:own-school")
        ? organisationIdsWithRole(auth.user, "school_coordinator")
        : [],
  };
}

export interface SchedulingSettings {
  travelBufferMinutes: number;
  schoolDayStart: string;
  schoolDayEnd: string;
  complianceWarningDays: number;
}

export async function schedulingSettings(db: Queryable): Promise<SchedulingSettings> {
  const rows = await db
    .selectFrom("settings")
    .select(["key", "value"])
    .where("key", "like", "scheduling.%")
    .execute();
  const m = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return {
    travelBufferMinutes: Number(m["scheduling.travel_buffer_minutes"] ?? 30),
    schoolDayStart: m["scheduling.school_day_start"] ?? "08:30",
    schoolDayEnd: m["scheduling.school_day_end"] ?? "15:30",
    complianceWarningDays: Number(m["scheduling.compliance_warning_days"] ?? 30),
  };
}

// The year groups and their labels are pure rules: app/sessions/class-order.ts (issue 20).
export { YEAR_GROUPS, yearGroupLabel } from "./class-order";

import type { SchoolPhase } from "~/db/schema";

// Which offerings a school is offered (issue 17, item 5). An offering says which schools it suits
// ("primary", "secondary", or null for every school); a school's phase comes from the schools
// register (GIAS's "PhaseOfEducation"). Schools whose phase spans both (all-through) or says
// nothing (special schools, pupil referral units: "Not applicable"; a phase never filled in) are
// offered everything, as the lead cannot tell which would suit them (decision 130).

const PRIMARY = ["nursery", "primary", "middle deemed primary"];
const SECONDARY = ["middle deemed secondary", "secondary", "16 plus"];

/** A register phase as the offerings see it: primary, secondary, or null for "either". */
export function schoolPhaseOf(registerPhase: string | null | undefined): SchoolPhase | null {
  const p = (registerPhase ?? "").trim().toLowerCase();
  if (PRIMARY.includes(p)) return "primary";
  if (SECONDARY.includes(p)) return "secondary";
  return null;
}

/** Whether a school of this register phase is offered the offering. */
export function offeredToSchool(
  offering: { school_phase: string | null },
  registerPhase: string | null | undefined,
): boolean {
  if (!offering.school_phase) return true;
  const phase = schoolPhaseOf(registerPhase);
  return phase === null || phase === offering.school_phase;
}

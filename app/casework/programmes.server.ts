import { audit } from "~/audit/audit.server";
import type { Queryable } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { AppError } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import { eligibilityWarnings, type ProgrammeRules } from "./rules";

// Casework programmes (Pathways Out, SOS+ 1-2-1): their rules (age, area, parental consent, the
// assessment interval, when a case counts as quiet, retention) and targets are data, set here.

export interface CaseworkProgrammeInput {
  name: string;
  providerOrganisationId?: string | null;
  area: string;
  districtIds?: string[] | null;
  maxAge?: number | null;
  parentConsentUnderAge?: number | null;
  assessmentIntervalWeeks?: number;
  quietWeeks?: number;
  missedContactDays?: number;
  retainUntilAge?: number;
  takesSafeguardingReferrals?: boolean;
  targetYoungPeople?: number | null;
  targetExitedPercent?: number | null;
  targetLowerRiskPercent?: number | null;
  targetEetPercent?: number | null;
  startsOn?: string | null;
  endsOn?: string | null;
  /** The characteristics assessed, in order. */
  characteristics?: { label: string; hint?: string }[];
}

export const DEFAULT_CHARACTERISTICS = [
  { label: "Safety and risk", hint: "How safe the young person is from exploitation and harm" },
  {
    label: "Engagement in education",
    hint: "Attending and taking part in school, college or training",
  },
  { label: "Relationships and peers", hint: "Positive friendships and trusted adults" },
  { label: "Emotional wellbeing", hint: "Coping, mood and self-worth" },
  { label: "Aspirations", hint: "Plans and hopes for education, training and work" },
  { label: "Involvement in offending", hint: "5 means no involvement" },
];

export async function insertCaseworkProgramme(
  db: Queryable,
  p: CaseworkProgrammeInput,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("casework_programmes")
    .values({
      id,
      name: p.name,
      provider_organisation_id: p.providerOrganisationId ?? null,
      area: p.area,
      district_ids: p.districtIds ? JSON.stringify(p.districtIds) : null,
      max_age: p.maxAge ?? null,
      parent_consent_under_age: p.parentConsentUnderAge ?? null,
      assessment_interval_weeks: p.assessmentIntervalWeeks ?? 6,
      quiet_weeks: p.quietWeeks ?? 4,
      missed_contact_days: p.missedContactDays ?? 14,
      retain_until_age: p.retainUntilAge ?? 25,
      takes_safeguarding_referrals: p.takesSafeguardingReferrals ? 1 : 0,
      target_young_people: p.targetYoungPeople ?? null,
      target_exited_percent: p.targetExitedPercent ?? null,
      target_lower_risk_percent: p.targetLowerRiskPercent ?? null,
      target_eet_percent: p.targetEetPercent ?? null,
      starts_on: p.startsOn ?? null,
      ends_on: p.endsOn ?? null,
      created_at: nowIso(),
    })
    .execute();
  const items = p.characteristics ?? DEFAULT_CHARACTERISTICS;
  for (const [i, c] of items.entries()) {
    await db
      .insertInto("casework_assessment_items")
      .values({
        id: newId(),
        programme_id: id,
        position: i + 1,
        label: c.label,
        hint: c.hint ?? null,
        retired_at: null,
      })
      .execute();
  }
  return id;
}

export async function programmeOptions(db: Queryable) {
  return db
    .selectFrom("casework_programmes")
    .select(["id", "name", "area", "max_age"])
    .orderBy("name")
    .execute();
}

export async function programmeRules(
  db: Queryable,
  id: string,
): Promise<
  ProgrammeRules & {
    retainUntilAge: number;
    assessmentIntervalWeeks: number;
    quietWeeks: number;
    missedContactDays: number;
  }
> {
  const p = await db
    .selectFrom("casework_programmes")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!p) throw new AppError("not_found", "Not found");
  return {
    name: p.name,
    maxAge: p.max_age,
    districtIds: p.district_ids ? (JSON.parse(p.district_ids) as string[]) : null,
    area: p.area,
    parentConsentUnderAge: p.parent_consent_under_age,
    retainUntilAge: p.retain_until_age,
    assessmentIntervalWeeks: p.assessment_interval_weeks,
    quietWeeks: p.quiet_weeks,
    missedContactDays: p.missed_contact_days,
  };
}

/** The characteristics a programme assesses now, in order. */
export async function assessmentItems(db: Queryable, programmeId: string) {
  return db
    .selectFrom("casework_assessment_items")
    .select(["id", "label", "hint", "position"])
    .where("programme_id", "=", programmeId)
    .where("retired_at", "is", null)
    .orderBy("position")
    .execute();
}

/** Schools and other settings a MACE referral may name, and their districts (for the area warning). */
export async function settingOptions(db: Queryable, ids?: string[]) {
  let q = db
    .selectFrom("organisations")
    .select(["id", "name", "district_id"])
    .where("kind", "=", "setting")
    .where("archived_at", "is", null)
    .orderBy("name");
  if (ids) q = q.where("id", "in", ids.length ? ids : [""]);
  return q.execute();
}

/** Warnings for a referral about to be made (the manager still decides at triage). */
export async function referralWarnings(
  db: Queryable,
  programmeId: string,
  input: { dateOfBirth: string; schoolId: string | null },
  today: string,
) {
  const rules = await programmeRules(db, programmeId);
  const school = input.schoolId
    ? await db
        .selectFrom("organisations")
        .select("district_id")
        .where("id", "=", input.schoolId)
        .executeTakeFirst()
    : undefined;
  return eligibilityWarnings(
    rules,
    { dateOfBirth: input.dateOfBirth, districtId: school?.district_id ?? null },
    today,
  );
}

/** A programme with its settings and characteristics, for a cleared casework manager. */
export async function programmeForManager(db: Queryable, id: string) {
  const p = await db
    .selectFrom("casework_programmes")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!p) throw new AppError("not_found", "Not found");
  const items = await db
    .selectFrom("casework_assessment_items")
    .select(["id", "label", "hint", "position", "retired_at"])
    .where("programme_id", "=", id)
    .orderBy("position")
    .execute();
  return { programme: p, items };
}

export async function listProgrammesForManager(db: Queryable) {
  return db
    .selectFrom("casework_programmes")
    .select(["id", "name", "area", "target_young_people", "assessment_interval_weeks"])
    .orderBy("name")
    .execute();
}

/** Settings and targets: data, changed by managers; audited. */
export async function updateProgrammeSettings(
  db: Queryable,
  actorUserId: string,
  id: string,
  v: {
    assessmentIntervalWeeks: number;
    quietWeeks: number;
    missedContactDays: number;
    parentConsentUnderAge?: number;
    retainUntilAge: number;
    targetYoungPeople?: number;
    targetExitedPercent?: number;
    targetLowerRiskPercent?: number;
    targetEetPercent?: number;
  },
  ip: string | null,
) {
  const res = await db
    .updateTable("casework_programmes")
    .set({
      assessment_interval_weeks: v.assessmentIntervalWeeks,
      quiet_weeks: v.quietWeeks,
      missed_contact_days: v.missedContactDays,
      parent_consent_under_age: v.parentConsentUnderAge ?? null,
      retain_until_age: v.retainUntilAge,
      target_young_people: v.targetYoungPeople ?? null,
      target_exited_percent: v.targetExitedPercent ?? null,
      target_lower_risk_percent: v.targetLowerRiskPercent ?? null,
      target_eet_percent: v.targetEetPercent ?? null,
    })
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError("not_found", "Not found");
  await audit(db, {
    actorUserId,
    action: "casework.programme_changed",
    subjectType: "casework_programme",
    subjectId: id,
    detail: v,
    ip,
  });
}

/**
 * Characteristics are added at the end and retired, never deleted or reworded: past scores keep
 * their meaning, and a retired characteristic still shows on cases that were scored on it.
 */
export async function addCharacteristic(
  db: Queryable,
  actorUserId: string,
  programmeId: string,
  v: { label: string; hint?: string },
  ip: string | null,
) {
  const last = await db
    .selectFrom("casework_assessment_items")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("programme_id", "=", programmeId)
    .executeTakeFirst();
  const id = newId();
  await db
    .insertInto("casework_assessment_items")
    .values({
      id,
      programme_id: programmeId,
      position: Number(last?.p ?? 0) + 1,
      label: v.label,
      hint: v.hint || null,
      retired_at: null,
    })
    .execute();
  await audit(db, {
    actorUserId,
    action: "casework.characteristic_added",
    subjectType: "casework_programme",
    subjectId: programmeId,
    detail: { itemId: id, label: v.label },
    ip,
  });
}

export async function retireCharacteristic(
  db: Queryable,
  actorUserId: string,
  programmeId: string,
  itemId: string,
  ip: string | null,
) {
  const res = await db
    .updateTable("casework_assessment_items")
    .set({ retired_at: nowIso() })
    .where("id", "=", itemId)
    .where("programme_id", "=", programmeId)
    .where("retired_at", "is", null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError("not_found", "Not found");
  await audit(db, {
    actorUserId,
    action: "casework.characteristic_retired",
    subjectType: "casework_programme",
    subjectId: programmeId,
    detail: { itemId },
    ip,
  });
}

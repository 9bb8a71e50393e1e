import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import type { ReferralSource } from "~/db/schema";
import { now, nowIso } from "~/utils/clock.server";
import { londonToday } from "~/utils/dates";
import { AppError } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import type { CaseworkViewer } from "./access.server";
import { sealJson, seal, unseal, unsealJson } from "./crypto.server";
import { programmeRules } from "./programmes.server";
import { eligibilityWarnings, retainUntil } from "./rules";

// Referrals into casework, from three sources each recorded as such (a trainer's safeguarding
// record, a school's safeguarding lead, the MACE panel), and the manager's triage: accept and
// allocate, decline with a reason, or signpost elsewhere. Reason and risk indicators are sealed.

export function initialsOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase())
    .join("")
    .replace(/[^A-Z]/g, "")
    .slice(0, 3);
}

export interface ReferralInput {
  programmeId: string;
  source: Exclude<ReferralSource, "safeguarding_log">;
  schoolId: string | null;
  name: string;
  dateOfBirth: string;
  yearGroup: string;
  reason: string;
  riskIndicators: string[];
  maceKnown: boolean;
  parentAware: boolean;
}

/** A school DSL's or the MACE panel's referral. Schools may refer only for their own school. */
export async function createReferral(
  db: Queryable,
  viewer: CaseworkViewer,
  input: ReferralInput,
  ip: string | null,
): Promise<string> {
  if (viewer.kind === "worker")
    throw new AppError("forbidden", "Caseworkers cannot make referrals here.");
  if (
    viewer.kind === "school" &&
    (input.source !== "school" || !input.schoolId || !viewer.schoolIds.includes(input.schoolId))
  ) {
    throw new AppError("not_found", "We could not find that school.");
  }
  if (viewer.kind === "manager" && input.source !== "mace")
    throw new AppError("invalid", "Managers record MACE panel referrals.");
  const programme = await db
    .selectFrom("casework_programmes")
    .select("id")
    .where("id", "=", input.programmeId)
    .executeTakeFirst();
  if (!programme) throw new AppError("invalid", "Choose a programme");
  const id = newId();
  await db
    .insertInto("casework_referrals")
    .values({
      id,
      programme_id: input.programmeId,
      source: input.source,
      safeguarding_record_id: null,
      session_id: null,
      school_id: input.schoolId,
      referred_by: viewer.userId,
      young_person_name: input.name,
      initials: initialsOf(input.name) || "?",
      date_of_birth: input.dateOfBirth,
      year_group: input.yearGroup,
      reason_enc: seal(input.reason, "casework_referrals", id, "reason"),
      risk_indicators_enc: sealJson(
        input.riskIndicators,
        "casework_referrals",
        id,
        "risk_indicators",
      ),
      mace_known: input.source === "mace" || input.maceKnown ? 1 : 0,
      parent_aware: input.parentAware ? 1 : 0,
      status: "pending",
      decision_reason: null,
      decided_by: null,
      decided_at: null,
      retain_until: null,
      created_at: nowIso(),
    })
    .execute();
  await audit(db, {
    actorUserId: viewer.userId,
    action: "casework.referred",
    subjectType: "casework_referral",
    subjectId: id,
    detail: { source: input.source },
    ip,
  });
  return id;
}

/**
 * A trainer's safeguarding record "referral to SOS+ 1-2-1 support" opens a pending referral in the
 * programme that takes them, linked to its session, with initials and year group only (the
 * trainer's log never names a child). Called in the same transaction as the record.
 */
export async function referralFromSafeguarding(
  db: Queryable,
  input: {
    recordId: string;
    sessionId: string;
    initials: string;
    yearGroup: string;
    notes: string | null;
    userId: string;
  },
): Promise<string | null> {
  const programme = await db
    .selectFrom("casework_programmes")
    .select("id")
    .where("takes_safeguarding_referrals", "=", 1)
    .orderBy("created_at")
    .executeTakeFirst();
  if (!programme) return null;
  const session = await db
    .selectFrom("delivery_sessions")
    .select("setting_id")
    .where("id", "=", input.sessionId)
    .executeTakeFirst();
  const id = newId();
  await db
    .insertInto("casework_referrals")
    .values({
      id,
      programme_id: programme.id,
      source: "safeguarding_log",
      safeguarding_record_id: input.recordId,
      session_id: input.sessionId,
      school_id: session?.setting_id ?? null,
      referred_by: input.userId,
      young_person_name: null,
      initials: input.initials,
      date_of_birth: null,
      year_group: input.yearGroup,
      reason_enc: seal(input.notes, "casework_referrals", id, "reason"),
      risk_indicators_enc: sealJson([], "casework_referrals", id, "risk_indicators"),
      mace_known: null,
      parent_aware: null,
      status: "pending",
      decision_reason: null,
      decided_by: null,
      decided_at: null,
      retain_until: null,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

function referralQuery(db: Queryable) {
  return db
    .selectFrom("casework_referrals as r")
    .innerJoin("casework_programmes as p", "p.id", "r.programme_id")
    .leftJoin("organisations as school", "school.id", "r.school_id")
    .leftJoin("casework_cases as c", "c.referral_id", "r.id")
    .select([
      "r.id",
      "r.source",
      "r.status",
      "r.young_person_name",
      "r.initials",
      "r.year_group",
      "r.created_at",
      "r.decided_at",
      "r.decision_reason",
      "r.session_id",
      "p.name as programme_name",
      "school.name as school_name",
      "c.id as case_id",
      "c.status as case_status",
    ]);
}

/** Managers: the triage queue (pending first, oldest first) and recent decisions. */
export async function triageQueue(db: Queryable, viewer: CaseworkViewer) {
  if (viewer.kind !== "manager") throw new AppError("not_found", "Not found");
  const pending = await referralQuery(db)
    .where("r.status", "=", "pending")
    .orderBy("r.created_at")
    .execute();
  const decided = await referralQuery(db)
    .where("r.status", "!=", "pending")
    .orderBy("r.decided_at", "desc")
    .limit(50)
    .execute();
  return { pending, decided };
}

/**
 * A school's own referrals, status only: received, accepted, declined with the reason, signposted,
 * closed. Never a note, an assessment or a risk level; the name is the one the school gave.
 */
export async function schoolReferrals(db: Queryable, viewer: CaseworkViewer) {
  if (viewer.kind !== "school") throw new AppError("not_found", "Not found");
  const rows = await db
    .selectFrom("casework_referrals as r")
    .innerJoin("casework_programmes as p", "p.id", "r.programme_id")
    .leftJoin("organisations as school", "school.id", "r.school_id")
    .leftJoin("casework_cases as c", "c.referral_id", "r.id")
    .select([
      "r.id",
      "r.young_person_name",
      "r.initials",
      "r.created_at",
      "r.status",
      "r.decision_reason",
      "p.name as programme_name",
      "school.name as school_name",
      "c.status as case_status",
    ])
    .where("r.school_id", "in", viewer.schoolIds)
    .where("r.source", "=", "school")
    .orderBy("r.created_at", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.young_person_name ?? r.initials,
    programme: r.programme_name,
    school: r.school_name,
    referredAt: r.created_at,
    status: r.case_status === "closed" ? ("closed" as const) : r.status,
    declineReason: r.status === "declined" || r.status === "signposted" ? r.decision_reason : null,
  }));
}

/** One referral for triage, with its sealed fields opened and eligibility warnings; audited. */
export async function referralForTriage(
  db: Queryable,
  viewer: CaseworkViewer,
  id: string,
  ip: string | null,
) {
  if (viewer.kind !== "manager") throw new AppError("not_found", "Not found");
  const r = await db
    .selectFrom("casework_referrals as r")
    .innerJoin("casework_programmes as p", "p.id", "r.programme_id")
    .leftJoin("organisations as school", "school.id", "r.school_id")
    .leftJoin("users as by", "by.id", "r.referred_by")
    .leftJoin("delivery_sessions as s", "s.id", "r.session_id")
    .leftJoin("offerings as o", "o.id", "s.offering_id")
    .leftJoin("casework_cases as c", "c.referral_id", "r.id")
    .selectAll("r")
    .select([
      "p.name as programme_name",
      "school.name as school_name",
      "school.district_id as school_district_id",
      "by.name as referred_by_name",
      "s.starts_at as session_starts_at",
      "o.title as session_title",
      "c.id as case_id",
    ])
    .where("r.id", "=", id)
    .executeTakeFirst();
  if (!r) throw new AppError("not_found", "Not found");
  const rules = await programmeRules(db, r.programme_id);
  await audit(db, {
    actorUserId: viewer.userId,
    action: "casework.referral_viewed",
    subjectType: "casework_referral",
    subjectId: id,
    ip,
  });
  return {
    ...r,
    reason: unseal(r.reason_enc, "casework_referrals", r.id, "reason"),
    riskIndicators:
      unsealJson<string[]>(r.risk_indicators_enc, "casework_referrals", r.id, "risk_indicators") ??
      [],
    warnings: eligibilityWarnings(
      rules,
      { dateOfBirth: r.date_of_birth, districtId: r.school_district_id },
      londonToday(now()),
    ),
  };
}

/** Caseworkers who may take a new case: the role, and DBS and safeguarding training in date today. */
export async function caseworkerOptions(db: Queryable) {
  const today = londonToday(now());
  const rows = await db
    .selectFrom("users as u")
    .innerJoin("memberships as m", "m.user_id", "u.id")
    .leftJoin("trainer_compliance as tc", "tc.user_id", "u.id")
    .select(["u.id", "u.name", "tc.dbs_expires_on", "tc.safeguarding_expires_on"])
    .where("m.role", "=", "caseworker")
    .where("u.disabled_at", "is", null)
    .orderBy("u.name")
    .execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .map((r) => {
      const lapsed =
        !r.dbs_expires_on || r.dbs_expires_on < today
          ? "enhanced DBS check"
          : !r.safeguarding_expires_on || r.safeguarding_expires_on < today
            ? "safeguarding training"
            : null;
      return { id: r.id, name: r.name, lapsed };
    });
}

export type DecisionResult =
  { ok: true; caseId: string | null } | { ok: false; field: string; message: string };

/** Triage: accept (opens a case awaiting consent, allocated), decline with a reason, or signpost. */
export async function decideReferral(
  db: DB,
  viewer: CaseworkViewer,
  id: string,
  input: {
    decision: "accept" | "decline" | "signpost";
    reason: string | null;
    caseworkerId: string | null;
  },
  ip: string | null,
): Promise<DecisionResult> {
  if (viewer.kind !== "manager") throw new AppError("not_found", "Not found");
  let caseworker: { id: string; name: string; lapsed: string | null } | undefined;
  if (input.decision === "accept") {
    caseworker = (await caseworkerOptions(db)).find((c) => c.id === input.caseworkerId);
    if (!caseworker) return { ok: false, field: "caseworkerId", message: "Choose a caseworker" };
    if (caseworker.lapsed)
      return {
        ok: false,
        field: "caseworkerId",
        message: `${caseworker.name} cannot take new cases: their ${caseworker.lapsed} is missing or has lapsed`,
      };
  } else if (!input.reason) {
    return {
      ok: false,
      field: "reason",
      message:
        input.decision === "decline"
          ? "Enter why the referral is declined"
          : "Enter where the young person was signposted",
    };
  }
  return writeTransaction(db, async (tx) => {
    const r = await tx
      .selectFrom("casework_referrals as r")
      .innerJoin("casework_programmes as p", "p.id", "r.programme_id")
      .select(["r.id", "r.status", "r.programme_id", "r.date_of_birth", "p.retain_until_age"])
      .where("r.id", "=", id)
      .executeTakeFirst();
    if (!r) throw new AppError("not_found", "Not found");
    if (r.status !== "pending")
      return {
        ok: false as const,
        field: "decision",
        message: "This referral has already been decided",
      };
    const at = nowIso();
    const today = londonToday(now());
    await tx
      .updateTable("casework_referrals")
      .set({
        status:
          input.decision === "accept"
            ? "accepted"
            : input.decision === "decline"
              ? "declined"
              : "signposted",
        decision_reason: input.reason,
        decided_by: viewer.userId,
        decided_at: at,
        // A declined or signposted referral is kept as long as a case would be, from today.
        retain_until:
          input.decision === "accept"
            ? null
            : retainUntil(r.date_of_birth, r.retain_until_age, today),
      })
      .where("id", "=", id)
      .execute();
    let caseId: string | null = null;
    if (input.decision === "accept") {
      caseId = newId();
      await tx
        .insertInto("casework_cases")
        .values({
          id: caseId,
          referral_id: id,
          programme_id: r.programme_id,
          caseworker_id: caseworker!.id,
          status: "awaiting_consent",
          plan_enc: null,
          opened_at: null,
          first_contact_at: null,
          closed_at: null,
          closure_reason: null,
          ending: null,
          outcome_eet: null,
          outcome_risk: null,
          outcome_exited: null,
          retain_until: null,
          created_at: at,
        })
        .execute();
      await tx
        .insertInto("casework_allocations")
        .values({
          id: newId(),
          case_id: caseId,
          caseworker_id: caseworker!.id,
          allocated_by: viewer.userId,
          allocated_at: at,
        })
        .execute();
    }
    await audit(tx, {
      actorUserId: viewer.userId,
      action: "casework.referral_decided",
      subjectType: "casework_referral",
      subjectId: id,
      detail: { decision: input.decision, caseId },
      ip,
    });
    return { ok: true as const, caseId };
  });
}

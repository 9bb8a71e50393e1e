import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { now, nowIso } from "~/utils/clock.server";
import { londonToday } from "~/utils/dates";
import { AppError } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import { caseInScope, type CaseworkViewer } from "./access.server";
import { seal, sealJson, unseal, unsealJson } from "./crypto.server";
import { caseworkerOptions } from "./referrals.server";
import { assessmentItems, programmeRules } from "./programmes.server";
import {
  assessmentDue,
  followUp,
  isQuiet,
  missingConsent,
  parentConsentNeeded,
  retainUntil,
  SCORE_MAX,
  SCORE_MIN,
} from "./rules";

// Cases: one young person, one allocated caseworker (history kept), consent per purpose, a
// support plan, contacts, assessments, risk history, onward referrals, closure with outcomes.
// Every function takes the viewer and goes through caseInScope, so an id in a URL never reaches a
// case the viewer may not see (404). Every read of a case is written to the audit log.

export interface RiskDetail {
  reason: string;
  maceInvolved: boolean;
  missingEpisodes: number;
  policeContacts: number;
  nrmStatus: string;
}

async function viewed(
  db: Queryable,
  viewer: CaseworkViewer,
  caseId: string,
  what: string,
  ip: string | null,
) {
  await audit(db, {
    actorUserId: viewer.userId,
    action: "casework.case_viewed",
    subjectType: "casework_case",
    subjectId: caseId,
    detail: { page: what },
    ip,
  });
}

/** The caseload: managers every open or awaiting case (and recent closures), workers their own. */
export async function caseload(db: Queryable, viewer: CaseworkViewer) {
  if (viewer.kind === "school") throw new AppError("not_found", "Not found");
  let q = db
    .selectFrom("casework_cases as c")
    .innerJoin("casework_referrals as r", "r.id", "c.referral_id")
    .innerJoin("casework_programmes as p", "p.id", "c.programme_id")
    .leftJoin("users as w", "w.id", "c.caseworker_id")
    .leftJoin("organisations as school", "school.id", "r.school_id")
    .select([
      "c.id",
      "c.status",
      "c.opened_at",
      "c.created_at",
      "c.closed_at",
      "r.young_person_name",
      "r.initials",
      "r.year_group",
      "p.name as programme_name",
      "p.assessment_interval_weeks",
      "p.quiet_weeks",
      "p.missed_contact_days",
      "w.name as caseworker_name",
      "school.name as school_name",
      (eb) =>
        eb
          .selectFrom("casework_contacts as k")
          .select((k) => k.fn.max("k.contact_on").as("d"))
          .whereRef("k.case_id", "=", "c.id")
          .where("k.outcome", "=", "attended")
          .as("last_attended_on"),
      (eb) =>
        eb
          .selectFrom("casework_assessments as a")
          .select((a) => a.fn.max("a.taken_on").as("d"))
          .whereRef("a.case_id", "=", "c.id")
          .as("last_assessed_on"),
    ])
    .orderBy("c.status")
    .orderBy("c.created_at", "desc")
    .limit(500);
  if (viewer.kind === "worker") q = q.where("c.caseworker_id", "=", viewer.userId);
  const rows = await q.execute();
  const today = londonToday(now());
  const contacts = rows.length
    ? await db
        .selectFrom("casework_contacts")
        .select(["case_id", "contact_on", "outcome"])
        .where(
          "case_id",
          "in",
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => {
    const openedOn = (r.opened_at ?? r.created_at).slice(0, 10);
    const open = r.status === "open";
    const mine = contacts
      .filter((k) => k.case_id === r.id)
      .map((k) => ({ contactOn: k.contact_on, outcome: k.outcome }));
    const fu = followUp(mine, r.missed_contact_days, today);
    return {
      id: r.id,
      name: r.young_person_name ?? `${r.initials} (name not yet known)`,
      programme: r.programme_name,
      school: r.school_name,
      caseworker: r.caseworker_name,
      status: r.status,
      lastAttendedOn: (r.last_attended_on as string | null) ?? null,
      assessment: open
        ? assessmentDue(
            (r.last_assessed_on as string | null) ?? null,
            openedOn,
            r.assessment_interval_weeks,
            today,
          )
        : null,
      quiet:
        open &&
        isQuiet((r.last_attended_on as string | null) ?? null, openedOn, r.quiet_weeks, today),
      followUpNeeded: open && fu.needed,
      escalate: open && fu.escalate,
    };
  });
}

/** The case record: everything about one case, sealed fields opened; the view is audited. */
export async function caseRecord(
  db: Queryable,
  viewer: CaseworkViewer,
  caseId: string,
  ip: string | null,
  page = "record",
) {
  const c = await caseInScope(db, viewer, caseId);
  const r = await db
    .selectFrom("casework_referrals as r")
    .leftJoin("organisations as school", "school.id", "r.school_id")
    .leftJoin("delivery_sessions as s", "s.id", "r.session_id")
    .leftJoin("offerings as o", "o.id", "s.offering_id")
    .selectAll("r")
    .select([
      "school.name as school_name",
      "o.title as session_title",
      "s.starts_at as session_starts_at",
    ])
    .where("r.id", "=", c.referral_id)
    .executeTakeFirstOrThrow();
  const rules = await programmeRules(db, c.programme_id);
  const programme = await db
    .selectFrom("casework_programmes")
    .select(["name"])
    .where("id", "=", c.programme_id)
    .executeTakeFirstOrThrow();
  const worker = c.caseworker_id
    ? await db
        .selectFrom("users")
        .select(["name"])
        .where("id", "=", c.caseworker_id)
        .executeTakeFirst()
    : undefined;
  const allocations = await db
    .selectFrom("casework_allocations as a")
    .leftJoin("users as w", "w.id", "a.caseworker_id")
    .leftJoin("users as by", "by.id", "a.allocated_by")
    .select(["a.id", "a.allocated_at", "w.name as caseworker_name", "by.name as allocated_by_name"])
    .where("a.case_id", "=", caseId)
    .orderBy("a.allocated_at")
    .execute();
  const consents = await db
    .selectFrom("casework_consents")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("given_on")
    .orderBy("created_at")
    .execute();
  const contacts = await db
    .selectFrom("casework_contacts")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("contact_on", "desc")
    .orderBy("created_at", "desc")
    .execute();
  const risks = await db
    .selectFrom("casework_risk")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("recorded_on", "desc")
    .orderBy("created_at", "desc")
    .execute();
  const onward = await db
    .selectFrom("casework_onward_referrals")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("made_on", "desc")
    .execute();
  const items = await db
    .selectFrom("casework_assessment_items")
    .select(["id", "label", "position", "retired_at"])
    .where("programme_id", "=", c.programme_id)
    .orderBy("position")
    .execute();
  const assessments = await db
    .selectFrom("casework_assessments")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("taken_on")
    .orderBy("created_at")
    .execute();
  const scores = assessments.length
    ? await db
        .selectFrom("casework_assessment_scores")
        .selectAll()
        .where(
          "assessment_id",
          "in",
          assessments.map((a) => a.id),
        )
        .execute()
    : [];
  const today = londonToday(now());
  const openedOn = (c.opened_at ?? c.created_at).slice(0, 10);
  const consentList = consents.map((k) => ({
    purpose: k.purpose,
    givenBy: k.given_by,
    withdrawnOn: k.withdrawn_on,
  }));
  await viewed(db, viewer, caseId, page, ip);
  return {
    id: c.id,
    status: c.status,
    programmeId: c.programme_id,
    programme: programme.name,
    caseworkerId: c.caseworker_id,
    caseworker: worker?.name ?? null,
    openedAt: c.opened_at,
    createdAt: c.created_at,
    closedAt: c.closed_at,
    closure: c.closed_at
      ? {
          reason: c.closure_reason,
          ending: c.ending,
          eet: c.outcome_eet === 1,
          risk: c.outcome_risk,
          exited: c.outcome_exited === 1,
        }
      : null,
    plan: unseal(c.plan_enc, "casework_cases", c.id, "plan"),
    youngPerson: {
      name: r.young_person_name,
      initials: r.initials,
      dateOfBirth: r.date_of_birth,
      yearGroup: r.year_group,
      school: r.school_name,
    },
    referral: {
      id: r.id,
      source: r.source,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
      reason: unseal(r.reason_enc, "casework_referrals", r.id, "reason"),
      riskIndicators:
        unsealJson<string[]>(
          r.risk_indicators_enc,
          "casework_referrals",
          r.id,
          "risk_indicators",
        ) ?? [],
      maceKnown: r.mace_known,
      parentAware: r.parent_aware,
      session: r.session_title
        ? { id: r.session_id, title: r.session_title, startsAt: r.session_starts_at }
        : null,
    },
    allocations,
    consents: consents.map((k) => ({
      id: k.id,
      purpose: k.purpose,
      givenBy: k.given_by,
      givenOn: k.given_on,
      how: k.how,
      present: k.present,
      withdrawnOn: k.withdrawn_on,
    })),
    missingConsent: missingConsent(rules, r.date_of_birth, consentList, today),
    parentConsentNeeded: parentConsentNeeded(rules, r.date_of_birth, today),
    contacts: contacts.map((k) => ({
      id: k.id,
      contactOn: k.contact_on,
      minutes: k.minutes,
      place: k.place,
      outcome: k.outcome,
      missedReason: k.missed_reason,
      note: unseal(k.note_enc, "casework_contacts", k.id, "note"),
    })),
    followUp:
      c.status === "open"
        ? followUp(
            contacts.map((k) => ({ contactOn: k.contact_on, outcome: k.outcome })),
            rules.missedContactDays,
            today,
          )
        : null,
    quiet:
      c.status === "open" &&
      isQuiet(
        contacts.find((k) => k.outcome === "attended")?.contact_on ?? null,
        openedOn,
        rules.quietWeeks,
        today,
      ),
    risks: risks.map((k) => ({
      id: k.id,
      recordedOn: k.recorded_on,
      level: k.level,
      source: k.source,
      ...unsealJson<RiskDetail>(k.detail_enc, "casework_risk", k.id, "detail")!,
    })),
    onward: onward.map((k) => ({
      id: k.id,
      service: k.service,
      madeOn: k.made_on,
      outcome: k.outcome,
    })),
    items: items
      .filter((i) => !i.retired_at || scores.some((s) => s.item_id === i.id))
      .map((i) => ({ id: i.id, label: i.label })),
    assessments: assessments.map((a) => ({
      id: a.id,
      stage: a.stage,
      voice: a.voice,
      takenOn: a.taken_on,
      scores: Object.fromEntries(
        scores.filter((s) => s.assessment_id === a.id).map((s) => [s.item_id, s.score]),
      ) as Record<string, number>,
    })),
    assessmentDue:
      c.status === "open"
        ? assessmentDue(
            assessments.at(-1)?.taken_on ?? null,
            openedOn,
            rules.assessmentIntervalWeeks,
            today,
          )
        : null,
  };
}

export type CaseRecord = Awaited<ReturnType<typeof caseRecord>>;

type Result = { ok: true } | { ok: false; field: string; message: string };

async function touch(
  db: Queryable,
  viewer: CaseworkViewer,
  caseId: string,
  action: string,
  detail: Record<string, unknown>,
  ip: string | null,
) {
  await audit(db, {
    actorUserId: viewer.userId,
    action,
    subjectType: "casework_case",
    subjectId: caseId,
    detail,
    ip,
  });
}

/** A safeguarding-log referral arrives with initials only: the caseworker adds the name and date of birth once they have spoken to the school. */
export async function recordDetails(
  db: DB,
  viewer: CaseworkViewer,
  caseId: string,
  input: { name: string; dateOfBirth: string },
  ip: string | null,
) {
  const c = await caseInScope(db, viewer, caseId);
  await db
    .updateTable("casework_referrals")
    .set({ young_person_name: input.name, date_of_birth: input.dateOfBirth })
    .where("id", "=", c.referral_id)
    .execute();
  await touch(db, viewer, caseId, "casework.details_recorded", {}, ip);
}

/**
 * Consent for one purpose from the young person or a parent/carer. When support consent is
 * complete for the programme's rule (the young person's, and a parent's below its age), the case
 * opens; before that nothing else can be recorded on it.
 */
export async function recordConsent(
  db: DB,
  viewer: CaseworkViewer,
  caseId: string,
  input: { purpose: string; givenBy: string; givenOn: string; how: string; present: string | null },
  ip: string | null,
): Promise<Result & { opened?: boolean }> {
  return writeTransaction(db, async (tx) => {
    const c = await caseInScope(tx, viewer, caseId);
    if (c.status === "closed")
      return { ok: false, field: "purpose", message: "This case is closed" };
    const today = londonToday(now());
    if (input.givenOn > today)
      return {
        ok: false,
        field: "givenOn",
        message: "The date consent was given must be today or in the past",
      };
    await tx
      .insertInto("casework_consents")
      .values({
        id: newId(),
        case_id: caseId,
        purpose: input.purpose,
        given_by: input.givenBy,
        given_on: input.givenOn,
        how: input.how,
        present: input.present,
        withdrawn_on: null,
        recorded_by: viewer.userId,
        created_at: nowIso(),
      })
      .execute();
    let opened = false;
    if (c.status === "awaiting_consent") {
      const r = await tx
        .selectFrom("casework_referrals")
        .select(["date_of_birth"])
        .where("id", "=", c.referral_id)
        .executeTakeFirstOrThrow();
      const rules = await programmeRules(tx, c.programme_id);
      const consents = await tx
        .selectFrom("casework_consents")
        .select(["purpose", "given_by as givenBy", "withdrawn_on as withdrawnOn"])
        .where("case_id", "=", caseId)
        .execute();
      if (missingConsent(rules, r.date_of_birth, consents, today).length === 0) {
        await tx
          .updateTable("casework_cases")
          .set({ status: "open", opened_at: nowIso() })
          .where("id", "=", caseId)
          .execute();
        opened = true;
      }
    }
    await touch(
      tx,
      viewer,
      caseId,
      "casework.consent_recorded",
      { purpose: input.purpose, givenBy: input.givenBy, opened },
      ip,
    );
    return { ok: true, opened };
  });
}

/**
 * Withdrawal of consent to support closes the case at once (reason "consent withdrawn") and starts
 * its retention clock. Withdrawing another purpose (sharing, evaluation) only records it.
 */
export async function withdrawConsent(
  db: DB,
  viewer: CaseworkViewer,
  caseId: string,
  consentId: string,
  ip: string | null,
): Promise<{ closed: boolean }> {
  return writeTransaction(db, async (tx) => {
    const c = await caseInScope(tx, viewer, caseId);
    const k = await tx
      .selectFrom("casework_consents")
      .selectAll()
      .where("id", "=", consentId)
      .where("case_id", "=", caseId)
      .executeTakeFirst();
    if (!k) throw new AppError("not_found", "Not found");
    if (k.withdrawn_on) return { closed: false };
    const today = londonToday(now());
    await tx
      .updateTable("casework_consents")
      .set({ withdrawn_on: today })
      .where("id", "=", consentId)
      .execute();
    let closed = false;
    if (k.purpose === "support" && c.status !== "closed") {
      await closeInTx(
        tx,
        c,
        { reason: "consent_withdrawn", ending: "unplanned", eet: null, risk: null, exited: null },
        today,
      );
      closed = true;
    }
    await touch(
      tx,
      viewer,
      caseId,
      "casework.consent_withdrawn",
      { purpose: k.purpose, closed },
      ip,
    );
    return { closed };
  });
}

const NOT_OPEN =
  "This case is not open yet: record the young person's consent to support first. Nothing you entered has been saved; it is still in the form.";

/** Why nothing can be recorded on this case now (awaiting consent, or closed), or null. */
function notOpen(c: { status: string }): string | null {
  if (c.status === "awaiting_consent") return NOT_OPEN;
  if (c.status === "closed") return "This case is closed.";
  return null;
}

export async function savePlan(
  db: DB,
  viewer: CaseworkViewer,
  caseId: string,
  plan: string,
  ip: string | null,
) {
  const c = await caseInScope(db, viewer, caseId);
  if (notOpen(c)) throw new AppError("conflict", notOpen(c)!);
  await db
    .updateTable("casework_cases")
    .set({ plan_enc: seal(plan, "casework_cases", caseId, "plan") })
    .where("id", "=", caseId)
    .execute();
  await touch(db, viewer, caseId, "casework.plan_saved", {}, ip);
}

export async function addContact(
  db: DB,
  viewer: CaseworkViewer,
  caseId: string,
  input: {
    contactOn: string;
    minutes: number;
    place: string;
    outcome: string;
    missedReason: string | null;
    note: string | null;
  },
  ip: string | null,
): Promise<Result> {
  if (input.contactOn > londonToday(now()))
    return {
      ok: false,
      field: "contactOn",
      message: "The date of the contact must be today or in the past",
    };
  return writeTransaction(db, async (tx) => {
    const c = await caseInScope(tx, viewer, caseId);
    const problem = notOpen(c);
    if (problem) return { ok: false, field: "", message: problem };
    const id = newId();
    await tx
      .insertInto("casework_contacts")
      .values({
        id,
        case_id: caseId,
        contact_on: input.contactOn,
        minutes: input.minutes,
        place: input.place,
        outcome: input.outcome,
        missed_reason: input.outcome === "attended" ? null : input.missedReason,
        note_enc: seal(input.note, "casework_contacts", id, "note"),
        recorded_by: viewer.userId,
        created_at: nowIso(),
      })
      .execute();
    // Time to first contact is kept: the first attended contact's day.
    if (
      input.outcome === "attended" &&
      (!c.first_contact_at || input.contactOn < c.first_contact_at)
    ) {
      await tx
        .updateTable("casework_cases")
        .set({ first_contact_at: input.contactOn })
        .where("id", "=", caseId)
        .execute();
    }
    await touch(
      tx,
      viewer,
      caseId,
      "casework.contact_recorded",
      { contactId: id, outcome: input.outcome },
      ip,
    );
    return { ok: true };
  });
}

export async function addAssessment(
  db: DB,
  viewer: CaseworkViewer,
  caseId: string,
  input: { stage: string; voice: string; takenOn: string; scores: Record<string, number> },
  ip: string | null,
): Promise<Result> {
  if (input.takenOn > londonToday(now()))
    return {
      ok: false,
      field: "takenOn",
      message: "The date of the assessment must be today or in the past",
    };
  return writeTransaction(db, async (tx) => {
    const c = await caseInScope(tx, viewer, caseId);
    if (c.status === "awaiting_consent") return { ok: false, field: "", message: NOT_OPEN };
    if (c.status === "closed" && input.stage !== "closure")
      return {
        ok: false,
        field: "stage",
        message: "Only a closure assessment can be added to a closed case",
      };
    const items = await assessmentItems(tx, c.programme_id);
    for (const item of items) {
      const s = input.scores[item.id];
      if (!Number.isInteger(s) || s < SCORE_MIN || s > SCORE_MAX)
        return {
          ok: false,
          field: `score_${item.id}`,
          message: `Choose a score for ${item.label.toLowerCase()}`,
        };
    }
    const id = newId();
    await tx
      .insertInto("casework_assessments")
      .values({
        id,
        case_id: caseId,
        stage: input.stage,
        voice: input.voice,
        taken_on: input.takenOn,
        recorded_by: viewer.userId,
        created_at: nowIso(),
      })
      .execute();
    await tx
      .insertInto("casework_assessment_scores")
      .values(items.map((i) => ({ assessment_id: id, item_id: i.id, score: input.scores[i.id]! })))
      .execute();
    await touch(
      tx,
      viewer,
      caseId,
      "casework.assessment_recorded",
      { assessmentId: id, stage: input.stage },
      ip,
    );
    return { ok: true };
  });
}

export async function addRisk(
  db: DB,
  viewer: CaseworkViewer,
  caseId: string,
  input: { recordedOn: string; level: string; source: string } & RiskDetail,
  ip: string | null,
): Promise<Result> {
  if (input.recordedOn > londonToday(now()))
    return { ok: false, field: "recordedOn", message: "The date must be today or in the past" };
  const c = await caseInScope(db, viewer, caseId);
  if (notOpen(c)) return { ok: false, field: "", message: notOpen(c)! };
  const id = newId();
  const detail: RiskDetail = {
    reason: input.reason,
    maceInvolved: input.maceInvolved,
    missingEpisodes: input.missingEpisodes,
    policeContacts: input.policeContacts,
    nrmStatus: input.nrmStatus,
  };
  await db
    .insertInto("casework_risk")
    .values({
      id,
      case_id: caseId,
      recorded_on: input.recordedOn,
      level: input.level,
      source: input.source,
      detail_enc: sealJson(detail, "casework_risk", id, "detail"),
      recorded_by: viewer.userId,
      created_at: nowIso(),
    })
    .execute();
  await touch(db, viewer, caseId, "casework.risk_recorded", { level: input.level }, ip);
  return { ok: true };
}

export async function addOnward(
  db: DB,
  viewer: CaseworkViewer,
  caseId: string,
  input: { service: string; madeOn: string; outcome: string },
  ip: string | null,
): Promise<Result> {
  if (input.madeOn > londonToday(now()))
    return { ok: false, field: "madeOn", message: "The date must be today or in the past" };
  const c = await caseInScope(db, viewer, caseId);
  if (notOpen(c)) return { ok: false, field: "", message: notOpen(c)! };
  await db
    .insertInto("casework_onward_referrals")
    .values({
      id: newId(),
      case_id: caseId,
      service: input.service,
      made_on: input.madeOn,
      outcome: input.outcome,
      recorded_by: viewer.userId,
      created_at: nowIso(),
    })
    .execute();
  await touch(db, viewer, caseId, "casework.onward_recorded", { service: input.service }, ip);
  return { ok: true };
}

export async function updateOnwardOutcome(
  db: DB,
  viewer: CaseworkViewer,
  caseId: string,
  onwardId: string,
  outcome: string,
  ip: string | null,
) {
  await caseInScope(db, viewer, caseId);
  const res = await db
    .updateTable("casework_onward_referrals")
    .set({ outcome })
    .where("id", "=", onwardId)
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError("not_found", "Not found");
  await touch(db, viewer, caseId, "casework.onward_updated", { onwardId, outcome }, ip);
}

/** Managers move a case to another caseworker; the allocation history keeps every step. */
export async function reallocate(
  db: DB,
  viewer: CaseworkViewer,
  caseId: string,
  caseworkerId: string,
  ip: string | null,
): Promise<Result> {
  if (viewer.kind !== "manager") throw new AppError("not_found", "Not found");
  const worker = (await caseworkerOptions(db)).find((w) => w.id === caseworkerId);
  if (!worker) return { ok: false, field: "caseworkerId", message: "Choose a caseworker" };
  if (worker.lapsed)
    return {
      ok: false,
      field: "caseworkerId",
      message: `${worker.name} cannot take new cases: their ${worker.lapsed} is missing or has lapsed`,
    };
  return writeTransaction(db, async (tx) => {
    const c = await caseInScope(tx, viewer, caseId);
    if (c.status === "closed")
      return { ok: false, field: "caseworkerId", message: "This case is closed" };
    if (c.caseworker_id === caseworkerId)
      return { ok: false, field: "caseworkerId", message: `${worker.name} already has this case` };
    const at = nowIso();
    await tx
      .updateTable("casework_cases")
      .set({ caseworker_id: caseworkerId })
      .where("id", "=", caseId)
      .execute();
    await tx
      .insertInto("casework_allocations")
      .values({
        id: newId(),
        case_id: caseId,
        caseworker_id: caseworkerId,
        allocated_by: viewer.userId,
        allocated_at: at,
      })
      .execute();
    await touch(tx, viewer, caseId, "casework.reallocated", { caseworkerId }, ip);
    return { ok: true };
  });
}

interface Closure {
  reason: string;
  ending: "planned" | "unplanned";
  eet: boolean | null;
  risk: string | null;
  exited: boolean | null;
}

async function closeInTx(
  tx: Queryable,
  c: { id: string; referral_id: string; programme_id: string },
  closure: Closure,
  today: string,
) {
  const r = await tx
    .selectFrom("casework_referrals")
    .select("date_of_birth")
    .where("id", "=", c.referral_id)
    .executeTakeFirstOrThrow();
  const rules = await programmeRules(tx, c.programme_id);
  await tx
    .updateTable("casework_cases")
    .set({
      status: "closed",
      closed_at: nowIso(),
      closure_reason: closure.reason,
      ending: closure.ending,
      outcome_eet: closure.eet == null ? null : closure.eet ? 1 : 0,
      outcome_risk: closure.risk,
      outcome_exited: closure.exited == null ? null : closure.exited ? 1 : 0,
      retain_until: retainUntil(r.date_of_birth, rules.retainUntilAge, today),
    })
    .where("id", "=", c.id)
    .execute();
}

/** Closure with its reason and the outcomes at close; the retention clock starts. */
export async function closeCase(
  db: DB,
  viewer: CaseworkViewer,
  caseId: string,
  closure: Closure,
  ip: string | null,
): Promise<Result> {
  return writeTransaction(db, async (tx) => {
    const c = await caseInScope(tx, viewer, caseId);
    if (c.status === "closed")
      return { ok: false, field: "reason", message: "This case is already closed" };
    if (
      c.status === "awaiting_consent" &&
      closure.reason !== "consent_withdrawn" &&
      closure.reason !== "moved_away" &&
      closure.reason !== "escalated"
    ) {
      return {
        ok: false,
        field: "reason",
        message:
          "A case that never opened can only close as consent withdrawn, moved away or escalated",
      };
    }
    await closeInTx(tx, c, closure, londonToday(now()));
    await touch(tx, viewer, caseId, "casework.closed", { reason: closure.reason }, ip);
    return { ok: true };
  });
}

/** The whole case as one JSON document (for a manager's or the worker's file); audited as an export. */
export async function exportCase(
  db: Queryable,
  viewer: CaseworkViewer,
  caseId: string,
  ip: string | null,
) {
  const record = await caseRecord(db, viewer, caseId, ip, "export");
  await audit(db, {
    actorUserId: viewer.userId,
    action: "casework.case_exported",
    subjectType: "casework_case",
    subjectId: caseId,
    ip,
  });
  return record;
}

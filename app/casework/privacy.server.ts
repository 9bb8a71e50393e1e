import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import type { PrivacyHandler, RetentionPolicy } from "~/privacy/registry.server";
import { now } from "~/utils/clock.server";
import { londonToday } from "~/utils/dates";
import { AppError } from "~/utils/errors.server";
import type { CaseworkViewer } from "./access.server";
import { caseRecord } from "./cases.server";
import { unseal, unsealJson } from "./crypto.server";

// Data protection for casework (decision 084).
//  - Retention: a case file (the case, its referral, consent, contacts, assessments, risk and
//    onward referrals) is deleted once its `retain_until` day has passed — set at closure from the
//    programme's setting (until the young person's 25th birthday, commonly) — and a declined or
//    signposted referral likewise. Deleting is real: rows go, with everything under them.
//  - Subject access and erasure for a young person (who has no account): a cleared casework
//    manager finds them by name and date of birth; the export is every referral and case file,
//    notes opened; erasure deletes them. Both audited.
//  - Staff (caseworkers, referrers) are covered by the registry's account-based handler below:
//    casework holds only their user id against what they did, which the foundation anonymises.

export const CASEWORK_RETENTION: RetentionPolicy[] = [
  {
    name: "casework case files",
    description:
      "Closed cases past their retention day (set at closure from the programme's setting, commonly the young person's 25th birthday): the case, its referral, consent, contacts, assessments, risk and onward referrals are deleted. Declined and signposted referrals past theirs likewise.",
    async run(db) {
      const today = londonToday(now());
      return writeTransaction(db, async (tx) => {
        const due = await tx
          .selectFrom("casework_cases")
          .select(["id", "referral_id"])
          .where("status", "=", "closed")
          .where("retain_until", "<", today)
          .execute();
        let n = 0;
        if (due.length) {
          // Children of the case go with it (ON DELETE CASCADE), then its referral.
          n += Number(
            (
              await tx
                .deleteFrom("casework_cases")
                .where(
                  "id",
                  "in",
                  due.map((d) => d.id),
                )
                .executeTakeFirst()
            ).numDeletedRows,
          );
          await tx
            .deleteFrom("casework_referrals")
            .where(
              "id",
              "in",
              due.map((d) => d.referral_id),
            )
            .execute();
        }
        n += Number(
          (
            await tx
              .deleteFrom("casework_referrals")
              .where("status", "in", ["declined", "signposted"])
              .where("retain_until", "<", today)
              .executeTakeFirst()
          ).numDeletedRows,
        );
        return n;
      });
    },
  },
];

/** What retention will delete in the next `days` days: the review list managers see before it happens. */
export async function retentionReview(db: Queryable, viewer: CaseworkViewer, days = 90) {
  if (viewer.kind !== "manager") throw new AppError("not_found", "Not found");
  const today = londonToday(now());
  const until = new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return db
    .selectFrom("casework_cases as c")
    .innerJoin("casework_referrals as r", "r.id", "c.referral_id")
    .innerJoin("casework_programmes as p", "p.id", "c.programme_id")
    .select([
      "c.id",
      "c.retain_until",
      "c.closed_at",
      "r.young_person_name",
      "r.initials",
      "p.name as programme",
    ])
    .where("c.status", "=", "closed")
    .where("c.retain_until", "<=", until)
    .orderBy("c.retain_until")
    .execute();
}

function matching(db: Queryable, who: { name: string; dateOfBirth: string }) {
  // Names are compared without case or surrounding space; the date of birth must match exactly.
  return db
    .selectFrom("casework_referrals")
    .select(["id"])
    .where((eb) =>
      eb(
        eb.fn("lower", [eb.fn("trim", ["young_person_name"])]),
        "=",
        who.name.trim().toLowerCase(),
      ),
    )
    .where("date_of_birth", "=", who.dateOfBirth);
}

/** Everything casework holds about one young person, notes opened; audited as an export. */
export async function exportYoungPerson(
  db: Queryable,
  viewer: CaseworkViewer,
  who: { name: string; dateOfBirth: string },
  ip: string | null,
) {
  if (viewer.kind !== "manager") throw new AppError("not_found", "Not found");
  const referrals = await db
    .selectFrom("casework_referrals as r")
    .leftJoin("casework_cases as c", "c.referral_id", "r.id")
    .selectAll("r")
    .select("c.id as case_id")
    .where("r.id", "in", matching(db, who))
    .execute();
  const out = [];
  for (const r of referrals) {
    out.push({
      referral: {
        id: r.id,
        source: r.source,
        name: r.young_person_name,
        dateOfBirth: r.date_of_birth,
        yearGroup: r.year_group,
        status: r.status,
        decisionReason: r.decision_reason,
        referredAt: r.created_at,
        decidedAt: r.decided_at,
        reason: unseal(r.reason_enc, "casework_referrals", r.id, "reason"),
        riskIndicators: unsealJson<string[]>(
          r.risk_indicators_enc,
          "casework_referrals",
          r.id,
          "risk_indicators",
        ),
      },
      case: r.case_id ? await caseRecord(db, viewer, r.case_id, ip, "subject-access") : null,
    });
  }
  await audit(db, {
    actorUserId: viewer.userId,
    action: "casework.subject_exported",
    subjectType: "casework_young_person",
    detail: { referrals: referrals.map((r) => r.id) },
    ip,
  });
  return {
    generatedAt: new Date(now()).toISOString(),
    youngPerson: { name: who.name, dateOfBirth: who.dateOfBirth },
    records: out,
  };
}

/** Erasure: every referral and case file about the young person is deleted; audited with the ids only. */
export async function eraseYoungPerson(
  db: DB,
  viewer: CaseworkViewer,
  who: { name: string; dateOfBirth: string },
  ip: string | null,
) {
  if (viewer.kind !== "manager") throw new AppError("not_found", "Not found");
  return writeTransaction(db, async (tx) => {
    const ids = (await matching(tx, who).execute()).map((r) => r.id);
    if (!ids.length) return 0;
    await tx.deleteFrom("casework_cases").where("referral_id", "in", ids).execute();
    await tx.deleteFrom("casework_referrals").where("id", "in", ids).execute();
    await audit(tx, {
      actorUserId: viewer.userId,
      action: "casework.subject_erased",
      subjectType: "casework_young_person",
      detail: { referrals: ids },
      ip,
    });
    return ids.length;
  });
}

/** Staff in casework: the referrals they made and the cases allocated to them, by id (never the children's data). */
export const caseworkPrivacy: PrivacyHandler = {
  name: "casework",
  label: "1-2-1 casework (as staff)",
  holds:
    "For caseworkers and referrers: which referrals they made and which cases were allocated to them, by id. Records about young people are exported and erased at /casework/subject-access.",
  async export(db, subject) {
    if (!subject.userId) return { referralsMade: [], casesAllocated: [] };
    const referralsMade = await db
      .selectFrom("casework_referrals")
      .select(["id", "source", "created_at"])
      .where("referred_by", "=", subject.userId)
      .execute();
    const casesAllocated = await db
      .selectFrom("casework_allocations")
      .select(["case_id", "allocated_at"])
      .where("caseworker_id", "=", subject.userId)
      .execute();
    return { referralsMade, casesAllocated };
  },
  async erase() {
    // Only the user id is held, and the foundation handler anonymises the account it points to.
    return {};
  },
};

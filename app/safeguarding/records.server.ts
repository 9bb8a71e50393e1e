import { sessionsWithOffering } from "~/sessions/queries.server";
import { audit } from "~/audit/audit.server";
import { referralFromSafeguarding } from "~/casework/referrals.server";
import type { Queryable } from "~/db/db.server";
import type { SafeguardingRecordsTable } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { pageWindow, type Paged } from "~/utils/paging";

// The safeguarding log. Callers check clearance first (canSeeSafeguarding); every read through
// these functions writes "safeguarding.viewed" to the audit log with who, what and from where.

export async function recordSafeguarding(
  db: Queryable,
  input: {
    sessionId: string;
    kind: SafeguardingRecordsTable["kind"];
    category: string;
    destination: string | null;
    initials: string;
    yearGroup: string;
    consent: SafeguardingRecordsTable["consent"];
    notes: string | null;
    userId: string;
    ip: string | null;
  },
) {
  const id = newId();
  await db
    .insertInto("safeguarding_records")
    .values({
      id,
      session_id: input.sessionId,
      kind: input.kind,
      category: input.category,
      destination: input.destination,
      initials: input.initials,
      year_group: input.yearGroup,
      consent: input.consent,
      notes: input.notes,
      recorded_by: input.userId,
      created_at: nowIso(),
    })
    .execute();
  // A referral to SOS+ 1-2-1 support goes somewhere: it opens a pending casework referral.
  const referralId =
    input.kind === "referral" && input.destination === "sos_121"
      ? await referralFromSafeguarding(db, {
          recordId: id,
          sessionId: input.sessionId,
          initials: input.initials,
          yearGroup: input.yearGroup,
          notes: input.notes,
          userId: input.userId,
        })
      : null;
  await audit(db, {
    actorUserId: input.userId,
    action: "safeguarding.recorded",
    subjectType: "safeguarding_record",
    subjectId: id,
    detail: { sessionId: input.sessionId, caseworkReferralId: referralId },
    ip: input.ip,
  });
  return id;
}

function baseQuery(db: Queryable) {
  return sessionsWithOffering(db)
    .innerJoin("safeguarding_records as r", "r.session_id", "s.id")
    .innerJoin("users as u", "u.id", "r.recorded_by")
    .select([
      "r.id",
      "r.session_id",
      "r.kind",
      "r.category",
      "r.destination",
      "r.initials",
      "r.year_group",
      "r.consent",
      "r.notes",
      "r.created_at",
      "u.name as recorded_by_name",
      "s.starts_at",
      "o.title",
      "setting.name as setting_name",
      "s.venue",
    ])
    .orderBy("r.created_at", "desc");
}

/** A session's records, audited as viewed. */
export async function viewSessionRecords(
  db: Queryable,
  sessionId: string,
  viewer: { userId: string; ip: string | null },
) {
  const rows = await baseQuery(db).where("r.session_id", "=", sessionId).execute();
  await audit(db, {
    actorUserId: viewer.userId,
    action: "safeguarding.viewed",
    subjectType: "delivery_session",
    subjectId: sessionId,
    detail: { records: rows.map((r) => r.id) },
    ip: viewer.ip,
  });
  return rows;
}

/** Records on one page of the safeguarding log. */
export const RECORDS_PAGE = 50;

/**
 * One page of the records a viewer may see (all for leads, their assigned sessions' for trainers),
 * newest first, with how many there are in all, audited as viewed with exactly the records shown.
 * The page is chosen from the records table alone (newest by created_at, then id, so records made
 * in the same millisecond keep one order across pages), then joined to its sessions: at a hundred
 * times the programme's size a page of 500 joined rows, and an audit row naming all 500, took 64 ms.
 */
export async function viewRecords(
  db: Queryable,
  viewer: { userId: string; ip: string | null; allSessions: boolean },
  page = 1,
) {
  let visible = db.selectFrom("safeguarding_records as r");
  if (!viewer.allSessions) {
    visible = visible.where(
      "r.session_id",
      "in",
      db
        .selectFrom("session_trainers")
        .select("session_id")
        .where("trainer_id", "=", viewer.userId),
    );
  }
  const { limit, offset } = pageWindow(page, RECORDS_PAGE);
  const [chosen, count] = await Promise.all([
    visible
      .select("r.id")
      .orderBy("r.created_at", "desc")
      .orderBy("r.id", "desc")
      .limit(limit)
      .offset(offset)
      .execute(),
    visible.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const rows = chosen.length
    ? await baseQuery(db)
        .where(
          "r.id",
          "in",
          chosen.map((r) => r.id),
        )
        .orderBy("r.id", "desc")
        .execute()
    : [];
  await audit(db, {
    actorUserId: viewer.userId,
    action: "safeguarding.viewed",
    subjectType: "safeguarding_log",
    detail: { records: rows.map((r) => r.id) },
    ip: viewer.ip,
  });
  const paged: Paged<(typeof rows)[number]> = {
    rows,
    page,
    pageSize: RECORDS_PAGE,
    total: Number(count.n),
  };
  return paged;
}

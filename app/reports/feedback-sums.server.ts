import { sql } from "kysely";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";

// Online feedback answers summed per session and statement, so the dashboard adds up a few rows per
// session rather than every answer (about 80,000 at ten times the programme's size).
//
// Honest by construction: a session's sums record the number of submissions they were made from —
// the count of before and after stages answered (feedback_responses.before_at / after_at). Answers
// are only ever added by a submission, and every submission sets one of those for the first time
// (a stage can be answered once), in the same transaction as its answers; so a session whose count
// differs from the recorded one has new answers, and its sums are worked out again before they are
// read. Sums of a deleted session go with it (foreign keys cascade). Paper tallies are summed
// by triggers as they are entered (report_tally_sums, decision 141). The dashboard therefore never shows a figure the answers do not give.

/** Sessions whose recorded sums are missing or were made from a different number of submissions. */
async function staleSessions(
  db: Queryable,
): Promise<{ session_id: string; submissions: number }[]> {
  const rows = await sql<{ session_id: string; submissions: unknown }>`
    select x.session_id, x.submissions
    from (
      select r.session_id, count(r.before_at) + count(r.after_at) as submissions
      from feedback_responses r group by r.session_id
    ) x
    left join report_feedback_sessions f on f.session_id = x.session_id
    where f.submissions is null or f.submissions <> x.submissions`.execute(db);
  return rows.rows.map((r) => ({ session_id: r.session_id, submissions: Number(r.submissions) }));
}

async function rebuild(tx: Queryable, stale: { session_id: string; submissions: number }[]) {
  const t = nowIso();
  for (let i = 0; i < stale.length; i += 400) {
    const chunk = stale.slice(i, i + 400);
    const ids = chunk.map((s) => s.session_id);
    await tx.deleteFrom("report_feedback_sums").where("session_id", "in", ids).execute();
    await tx.deleteFrom("report_feedback_sessions").where("session_id", "in", ids).execute();
    await sql`
      insert into report_feedback_sums (session_id, item_id, answers_before, sum_before, answers_after, sum_after, pairs, sum_change)
      select r.session_id, a.item_id,
        sum(case when a.stage = 'before' then 1 else 0 end), sum(case when a.stage = 'before' then a.score else 0 end),
        sum(case when a.stage = 'after' then 1 else 0 end), sum(case when a.stage = 'after' then a.score else 0 end),
        sum(case when a.stage = 'before' and x.score is not null then 1 else 0 end),
        sum(case when a.stage = 'before' and x.score is not null then x.score - a.score else 0 end)
      from feedback_responses r
      join feedback_answers a on a.response_id = r.id
      left join feedback_answers x on x.response_id = a.response_id and x.item_id = a.item_id and x.stage = 'after' and a.stage = 'before'
      where r.session_id in (${sql.join(ids)}) and a.score is not null
      group by r.session_id, a.item_id`.execute(tx);
    await tx
      .insertInto("report_feedback_sessions")
      .values(
        chunk.map((s) => ({
          session_id: s.session_id,
          submissions: s.submissions,
          refreshed_at: t,
        })),
      )
      .execute();
  }
}

/**
 * Whether any session's sums are out of date, in one pass over an index and no grouping. A
 * session's count of submissions only ever grows (and a deleted session takes its sums with it),
 * and its sums record the count they were made from, so the recorded counts add up to the actual
 * total exactly when every session's sums are up to date.
 */
async function anyStale(db: Queryable): Promise<boolean> {
  const row = await sql<{ actual: unknown; recorded: unknown }>`
    select (select count(before_at) + count(after_at) from feedback_responses) as actual,
      (select coalesce(sum(submissions), 0) from report_feedback_sessions) as recorded`.execute(db);
  return Number(row.rows[0]?.actual ?? 0) !== Number(row.rows[0]?.recorded ?? 0);
}

/** Brings every session's sums up to date (usually there is nothing to do); returns how many were redone. */
export async function refreshFeedbackSums(db: Queryable): Promise<number> {
  if (!(await anyStale(db))) return 0;
  const stale = await staleSessions(db);
  if (!stale.length) return 0;
  if (db.isTransaction) {
    await rebuild(db, await staleSessions(db));
    return stale.length;
  }
  // Checked again inside the write transaction, so two requests never redo a session twice or
  // write sums from different moments.
  for (let attempt = 0; ; attempt++) {
    try {
      return await writeTransaction(db as DB, async (tx) => {
        const now = await staleSessions(tx);
        await rebuild(tx, now);
        return now.length;
      });
    } catch (error) {
      // PostgreSQL's serializable transactions can ask for a retry when two refreshes overlap.
      if (attempt >= 2) throw error;
    }
  }
}

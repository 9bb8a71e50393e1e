import { type DB, isPostgres, type Queryable, type Tx, writeTransaction } from "~/db/db.server";
import { now } from "~/utils/clock.server";

// Sign-in throttling. Each key ("account:<email>", "ip:<address>") counts failures in a window.
// After a few failures each further try is delayed; past the limit the key is locked for a while
// (429 with Retry-After). Keys are separate, so one account under attack never locks out another.
export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  accountLimit: 5,
  ipLimit: 30,
  lockMs: 15 * 60 * 1000,
};

export async function throttleStatus(
  db: Queryable,
  keys: string[],
): Promise<{ blockedForSeconds: number }> {
  const rows = await db.selectFrom("auth_throttle").selectAll().where("key", "in", keys).execute();
  const t = now().getTime();
  let until = 0;
  for (const r of rows) {
    if (r.locked_until && Date.parse(r.locked_until) > t)
      until = Math.max(until, Date.parse(r.locked_until));
  }
  return { blockedForSeconds: until ? Math.ceil((until - t) / 1000) : 0 };
}

export async function recordFailure(db: Queryable, key: string, limit: number) {
  const t = now();
  const row = await db
    .selectFrom("auth_throttle")
    .selectAll()
    .where("key", "=", key)
    .executeTakeFirst();
  const fresh = !row || t.getTime() - Date.parse(row.first_failure_at) > THROTTLE.windowMs;
  const failures = fresh ? 1 : row!.failures + 1;
  const locked_until =
    failures >= limit ? new Date(t.getTime() + THROTTLE.lockMs).toISOString() : null;
  if (!row) {
    await db
      .insertInto("auth_throttle")
      .values({ key, failures, first_failure_at: t.toISOString(), locked_until })
      .execute();
  } else {
    await db
      .updateTable("auth_throttle")
      .set({
        failures,
        first_failure_at: fresh ? t.toISOString() : row.first_failure_at,
        locked_until,
      })
      .where("key", "=", key)
      .execute();
  }
}

export async function clearFailures(db: Queryable, key: string) {
  await db.deleteFrom("auth_throttle").where("key", "=", key).execute();
}

export function accountKey(email: string) {
  return `account:${email.trim().toLowerCase()}`;
}
export function ipKey(ip: string) {
  return `ip:${ip}`;
}

// ─── Sign-in: growing delays, reserved before the password is checked ────────
// Issue 11, findings 5 and 10 (decision 071). An attempt is counted in one write transaction
// *before* argon2 runs, so parallel guesses cannot all read "not locked" and be checked; and past a
// few free failures each further one makes the key wait a delay that doubles, up to a ceiling,
// instead of a 15-minute hard lock that let anyone lock anyone out.

export interface DelayRule {
  /** Failures in the window before any delay. */
  free: number;
  /** The first delay; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const SIGN_IN_DELAYS = {
  account: { free: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
  address: { free: 30, firstDelayMs: 10_000, maxDelayMs: 15 * 60_000 },
  /** A browser that has signed in to the account before: its own allowance, apart from the others. */
  device: { free: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
} satisfies Record<string, DelayRule>;

function delayAfter(failures: number, rule: DelayRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** (failures - rule.free));
}

/**
 * Counts an attempt against each key as a failure, atomically, unless a key must still wait:
 * then nothing is counted and the wait is returned. Call `forgiveAttempt` when the password was right.
 */
export async function reserveAttempt(
  db: DB,
  keys: { key: string; rule: DelayRule }[],
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  if (isPostgres(db))
    // Each key's count is its own row: locking the rows is all the atomicity needed. SERIALIZABLE
    // here made attempts on *different* keys refuse each other (their keys share index pages, where
    // PostgreSQL keeps its read locks): 2–3 retried transactions per booking, half the booking
    // rate (npm run bench:scale-out, decision 112). So on PostgreSQL: READ COMMITTED, a row per key
    // made first if missing (failures 0), then all of them locked, in key order (no deadlock).
    return db
      .transaction()
      .setIsolationLevel("read committed")
      .execute(async (tx) => {
        const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        const at = now().toISOString();
        for (const { key } of sorted)
          await tx
            .insertInto("auth_throttle")
            .values({ key, failures: 0, first_failure_at: at, locked_until: null })
            .onConflict((oc) => oc.column("key").doNothing())
            .execute();
        const rows = await tx
          .selectFrom("auth_throttle")
          .selectAll()
          .where(
            "key",
            "in",
            sorted.map((k) => k.key),
          )
          .orderBy("key")
          .forUpdate()
          .execute();
        const result = await countAttempt(tx, sorted, rows);
        // Refused: nothing is counted, and no empty row is left behind.
        if (!result.ok)
          await tx
            .deleteFrom("auth_throttle")
            .where(
              "key",
              "in",
              sorted.map((k) => k.key),
            )
            .where("failures", "=", 0)
            .execute();
        return result;
      });
  return writeTransaction(db, async (tx) => {
    const rows = await tx
      .selectFrom("auth_throttle")
      .selectAll()
      .where(
        "key",
        "in",
        keys.map((k) => k.key),
      )
      .execute();
    return countAttempt(tx, keys, rows);
  });
}

/** The rule shared by both databases: refuse if any key must still wait, else count one on each. */
async function countAttempt(
  tx: Tx,
  keys: { key: string; rule: DelayRule }[],
  rows: { key: string; failures: number; first_failure_at: string; locked_until: string | null }[],
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const t = now().getTime();
  let until = 0;
  for (const r of rows)
    if (r.locked_until && Date.parse(r.locked_until) > t)
      until = Math.max(until, Date.parse(r.locked_until));
  if (until) return { ok: false as const, retryAfterSeconds: Math.ceil((until - t) / 1000) };
  for (const { key, rule } of keys) {
    const row = rows.find((r) => r.key === key);
    // A key starts afresh once a window has passed since its first failure and it is not waiting
    // (or when its row was only just made, on PostgreSQL, with no failure yet).
    const fresh =
      !row || row.failures === 0 || t - Date.parse(row.first_failure_at) > THROTTLE.windowMs;
    const failures = fresh ? 1 : row!.failures + 1;
    const delay = delayAfter(failures, rule);
    const locked_until = delay ? new Date(t + delay).toISOString() : null;
    if (!row)
      await tx
        .insertInto("auth_throttle")
        .values({ key, failures, first_failure_at: new Date(t).toISOString(), locked_until })
        .execute();
    else
      await tx
        .updateTable("auth_throttle")
        .set({
          failures,
          first_failure_at: fresh ? new Date(t).toISOString() : row.first_failure_at,
          locked_until,
        })
        .where("key", "=", key)
        .execute();
  }
  return { ok: true as const };
}

/** The password was right: the reservation on each key is taken back. */
export async function forgiveAttempt(db: DB, keys: { key: string; rule: DelayRule }[]) {
  await writeTransaction(db, async (tx) => {
    for (const { key, rule } of keys) {
      const row = await tx
        .selectFrom("auth_throttle")
        .selectAll()
        .where("key", "=", key)
        .executeTakeFirst();
      if (!row) continue;
      const failures = Math.max(0, row.failures - 1);
      if (failures === 0) await tx.deleteFrom("auth_throttle").where("key", "=", key).execute();
      else
        await tx
          .updateTable("auth_throttle")
          .set({ failures, locked_until: delayAfter(failures, rule) ? row.locked_until : null })
          .where("key", "=", key)
          .execute();
    }
  });
}

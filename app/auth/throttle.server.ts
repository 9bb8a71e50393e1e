import type { Queryable } from "~/db/db.server";
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

export async function throttleStatus(db: Queryable, keys: string[]): Promise<{ blockedForSeconds: number }> {
  const rows = await db.selectFrom("auth_throttle").selectAll().where("key", "in", keys).execute();
  const t = now().getTime();
  let until = 0;
  for (const r of rows) {
    if (r.locked_until && Date.parse(r.locked_until) > t) until = Math.max(until, Date.parse(r.locked_until));
  }
  return { blockedForSeconds: until ? Math.ceil((until - t) / 1000) : 0 };
}

export async function recordFailure(db: Queryable, key: string, limit: number) {
  const t = now();
  const row = await db.selectFrom("auth_throttle").selectAll().where("key", "=", key).executeTakeFirst();
  const fresh = !row || t.getTime() - Date.parse(row.first_failure_at) > THROTTLE.windowMs;
  const failures = fresh ? 1 : row!.failures + 1;
  const locked_until = failures >= limit ? new Date(t.getTime() + THROTTLE.lockMs).toISOString() : null;
  if (!row) {
    await db
      .insertInto("auth_throttle")
      .values({ key, failures, first_failure_at: t.toISOString(), locked_until })
      .execute();
  } else {
    await db
      .updateTable("auth_throttle")
      .set({ failures, first_failure_at: fresh ? t.toISOString() : row.first_failure_at, locked_until })
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

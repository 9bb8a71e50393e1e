import { perProcess } from "./process-state";
import crypto from "node:crypto";
import os from "node:os";
import type { Queryable } from "~/db/db.server";
import { now } from "~/utils/clock.server";

// Leases: how background work runs once however many servers share the database (issue 14,
// decision 114). A server claims a piece of work by writing its own name and an expiry time in one
// conditional statement — only if no one holds it, or the holder's time has run out — and does the
// work only if the statement says it won. A server that dies holding a lease simply stops renewing
// it; once the time passes, another claims the work. On PostgreSQL the statement is atomic under
// concurrency (an upsert on the primary key; `FOR UPDATE SKIP LOCKED` where rows are picked from a
// queue, app/email/outbox.server.ts); on SQLite the single writer makes the same statements enough.

const g = perProcess("leases", (): { owner?: string } => ({}));

/** This process's name on its leases: host, process id, and a random part (pids are reused). */
export function leaseOwner(): string {
  g.owner ??= `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  return g.owner;
}

/** Claims `key` for `ms`; true when this server now holds it (also when it already did). */
export async function claimLease(db: Queryable, key: string, ms: number): Promise<boolean> {
  const at = now();
  const until = new Date(at.getTime() + ms).toISOString();
  const owner = leaseOwner();
  const row = await db
    .insertInto("job_leases")
    .values({ key, owner, until })
    .onConflict((oc) =>
      oc
        .column("key")
        .doUpdateSet({ owner, until })
        .where((eb) =>
          eb.or([
            eb("job_leases.until", "<", at.toISOString()),
            eb("job_leases.owner", "=", owner),
          ]),
        ),
    )
    .returning("owner")
    .executeTakeFirst();
  return row?.owner === owner;
}

/** Lets go of `key` if this server holds it. */
export async function releaseLease(db: Queryable, key: string): Promise<void> {
  await db
    .deleteFrom("job_leases")
    .where("key", "=", key)
    .where("owner", "=", leaseOwner())
    .execute();
}

/** Runs `fn` only if the lease on `key` is won; releases it afterwards unless `keep` (then it expires). */
export async function withLease<T>(
  db: Queryable,
  key: string,
  ms: number,
  fn: () => Promise<T>,
  opts: { keep?: boolean } = {},
): Promise<{ ran: true; value: T } | { ran: false }> {
  if (!(await claimLease(db, key, ms))) return { ran: false };
  try {
    return { ran: true, value: await fn() };
  } finally {
    if (!opts.keep) await releaseLease(db, key);
  }
}

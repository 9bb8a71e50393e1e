import { perProcess } from "~/server/process-state";
import { sql } from "kysely";
import { getDb, getReadSqlite, isPostgres, type Queryable } from "~/db/db.server";
import { now } from "~/utils/clock.server";
import { londonToday } from "~/utils/dates";

// Finished dashboard views, kept while nothing they are computed from has changed. A programme lead
// flicking between filters and back, or several people opening the same dashboard before a funder
// meeting, then get the same figures without the same aggregate queries again.
//
// Honest by construction: a view is keyed by its scope, its filters, the London day (projections
// and the default period depend on it) and the report data version — one row that triggers on
// every table reports are made from bump on each insert, update and delete, whichever process
// writes (migration 2026-12-06-2030). Sign-ins, session touches, audit rows and the outbox do not
// move it, so they no longer throw kept views away (issue 16, item 2). It is read on the read-only
// connection, which sees committed data only, as the view's own queries do. A view is stored only
// if the version did not move while it was computed. On PostgreSQL each server connection bumps
// its own row and the version is their sum (migration 2026-12-07-0300, decision 125), so every
// server on one database sees the same version move at the same commit. REPORT_VIEW_CACHE=off
// switches it off (the benchmark times both).

const MAX_ENTRIES = 64;
const entries = new Map<string, unknown>();

async function stamp(db: Queryable): Promise<string | null> {
  if (process.env.REPORT_VIEW_CACHE === "off" || db !== getDb()) return null;
  if (isPostgres(db)) {
    // One row per server connection (migration 2026-12-07-0300): the version is their sum. Read
    // outside any transaction, so it sees what is committed, as the view's own queries do.
    const row = await sql<{
      version: number | null;
    }>`select sum(version) as version from report_data_version`.execute(db);
    const version = row.rows[0]?.version;
    return version === null || version === undefined ? null : `v${Number(version)}`;
  }
  const row = getReadSqlite()
    .prepare("select version from report_data_version where id = 1")
    .get() as { version: number } | undefined;
  return row ? `v${row.version}` : null;
}

// How many views this process has computed (the integration test reads it through the real server,
// whose bundle has its own copy of this module).
const counters = perProcess("reportViews", () => ({ computed: 0 }));

/** How many kept-view computations this process has run since it started. */
export function viewsComputed(): number {
  return counters.computed;
}

// Views being computed now, by key: simultaneous requests for the same view (ten leads opening the
// dashboard before a meeting) wait for one computation instead of each running it (issue 16).
const inFlight = new Map<string, Promise<unknown>>();

/**
 * The view for this key, computed (and kept) only when report data has changed since. `prepare`
 * runs before a computation, and the view is kept under the version after it: it brings derived
 * report data up to date (the feedback sums), whose own writes move the version, so the view
 * computed just after a feedback response is kept instead of being computed again on the next
 * request.
 */
export async function cachedView<T>(
  db: Queryable,
  key: unknown,
  compute: () => Promise<T>,
  prepare?: () => Promise<unknown>,
): Promise<T> {
  const first = await stamp(db);
  if (first === null) {
    await prepare?.();
    return compute();
  }
  const id = `${first}|${londonToday(now())}|${JSON.stringify(key)}`;
  if (entries.has(id)) {
    const hit = entries.get(id) as T;
    // Most recently used last, so the oldest is the first to go.
    entries.delete(id);
    entries.set(id, hit);
    return hit;
  }
  const running = inFlight.get(id);
  if (running) return running as Promise<T>;
  const computation = (async () => {
    counters.computed += 1;
    let before = first;
    let keptAs = id;
    if (prepare) {
      await prepare();
      const after = await stamp(db);
      if (after === null) return compute();
      before = after;
      keptAs = `${after}${id.slice(first.length)}`;
    }
    const view = await compute();
    if ((await stamp(db)) === before) {
      // Entries under an older stamp can never be hit again.
      for (const k of entries.keys()) if (!k.startsWith(`${before}|`)) entries.delete(k);
      // Shared by every request that hits it: under test it is frozen, so a caller changing it fails loudly.
      entries.set(
        keptAs,
        process.env.VITEST || process.env.NODE_ENV === "test" ? deepFreeze(view) : view,
      );
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    }
    return view;
  })();
  inFlight.set(id, computation);
  try {
    return await computation;
  } finally {
    inFlight.delete(id);
  }
}

/** How many views are being computed at this moment (for tests and the benchmark). */
export function viewsInFlight(): number {
  return inFlight.size;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

import { getDb, getSqlite, isPostgres, type Queryable } from "~/db/db.server";
import { now } from "~/utils/clock.server";
import { londonToday } from "~/utils/dates";

// Finished dashboard views, kept while nothing they are computed from has changed. A programme lead
// flicking between filters and back, or several people opening the same dashboard before a funder
// meeting, then get the same figures without the same aggregate queries again.
//
// Honest by construction: a view is keyed by its scope, its filters, the London day (projections
// and the default period depend on it) and the database's change stamp — SQLite's total_changes()
// for every row this process's connection has written, and PRAGMA data_version for commits by any
// other process (npm run retention, a restore). Any write anywhere changes the stamp, so a cached
// view is always exactly what recomputing would give. A view is stored only if the stamp did not
// move while it was computed (another request may write between our queries). PostgreSQL has no
// such cheap stamp, so there every view is computed. REPORT_VIEW_CACHE=off switches it off (the
// benchmark times both).

const MAX_ENTRIES = 64;
const entries = new Map<string, unknown>();

function stamp(db: Queryable): string | null {
  if (process.env.REPORT_VIEW_CACHE === "off" || isPostgres(db) || db !== getDb()) return null;
  const sqlite = getSqlite();
  const changes = (sqlite.prepare("select total_changes() as n").get() as { n: number }).n;
  const version = sqlite.pragma("data_version", { simple: true }) as number;
  return `${changes}:${version}`;
}

/** The view for this key, computed (and kept) only when the database has changed since. */
export async function cachedView<T>(db: Queryable, key: unknown, compute: () => Promise<T>): Promise<T> {
  const before = stamp(db);
  if (before === null) return compute();
  const id = `${before}|${londonToday(now())}|${JSON.stringify(key)}`;
  if (entries.has(id)) {
    const hit = entries.get(id) as T;
    // Most recently used last, so the oldest is the first to go.
    entries.delete(id);
    entries.set(id, hit);
    return hit;
  }
  const view = await compute();
  if (stamp(db) === before) {
    // Entries under an older stamp can never be hit again.
    for (const k of entries.keys()) if (!k.startsWith(`${before}|`)) entries.delete(k);
    // Shared by every request that hits it: under test it is frozen, so a caller changing it fails loudly.
    entries.set(id, process.env.VITEST || process.env.NODE_ENV === "test" ? deepFreeze(view) : view);
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  }
  return view;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

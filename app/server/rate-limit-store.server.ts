import { sql } from "kysely";
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import type { DB } from "~/db/db.server";
import { now } from "~/utils/clock.server";
import { logger } from "~/utils/log.server";

// Request rate limits counted in the database, so every server behind the load balancer counts
// one client against one limit (issue 14, item 3; decision 112). A client spreading its requests
// over two servers with per-process counts would get twice the limit.
//
// Why our own store: the kept stores for express-rate-limit each serve one other system (Redis,
// Memcached, MongoDB, or PostgreSQL alone through rate-limit-postgresql, which brings its own
// schema, migrations and pool). Lantern runs on SQLite or PostgreSQL through Kysely and needs no
// other server; one table and one upsert serve both.
//
// One statement per counted request: insert the client's window, or add a hit to it — starting a
// new window if the old one has ended. The upsert is atomic on both databases, so simultaneous
// requests on different servers are all counted. On PostgreSQL the table is UNLOGGED (migration
// 2026-12-07-0330): counts are not worth a disk flush per request, and a crash only forgets them.

export class DatabaseRateLimitStore implements Store {
  windowMs = 60_000;
  /** Counts are shared: express-rate-limit must not assume it holds them alone. */
  localKeys = false;
  private lastSweep = 0;

  constructor(
    private readonly getDb: () => DB,
    /** Keeps two limiters' counts apart in the one table. */
    readonly prefix: string,
  ) {}

  init(options: Options) {
    this.windowMs = options.windowMs;
  }

  private key(key: string) {
    return `${this.prefix}${key}`;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.getDb()
      .selectFrom("request_counts")
      .select(["hits", "resets_at"])
      .where("key", "=", this.key(key))
      .where("resets_at", ">", now().toISOString())
      .executeTakeFirst();
    return row ? { totalHits: Number(row.hits), resetTime: new Date(row.resets_at) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const at = now();
    const nowText = at.toISOString();
    const resetsAt = new Date(at.getTime() + this.windowMs).toISOString();
    const row = await this.getDb()
      .insertInto("request_counts")
      .values({ key: this.key(key), hits: 1, resets_at: resetsAt })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          // ISO times in UTC compare as text in both databases.
          hits: sql<number>`case when request_counts.resets_at <= ${nowText} then 1 else request_counts.hits + 1 end`,
          resets_at: sql<string>`case when request_counts.resets_at <= ${nowText} then ${resetsAt} else request_counts.resets_at end`,
        }),
      )
      .returning(["hits", "resets_at"])
      .executeTakeFirstOrThrow();
    this.sweep(at);
    return { totalHits: Number(row.hits), resetTime: new Date(row.resets_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.getDb()
      .updateTable("request_counts")
      .set((eb) => ({ hits: eb("hits", "-", 1) }))
      .where("key", "=", this.key(key))
      .where("hits", ">", 0)
      .execute();
  }

  async resetKey(key: string): Promise<void> {
    await this.getDb().deleteFrom("request_counts").where("key", "=", this.key(key)).execute();
  }

  async resetAll(): Promise<void> {
    await this.getDb()
      .deleteFrom("request_counts")
      .where("key", "like", `${this.prefix}%`)
      .execute();
  }

  /** Windows that ended are removed, at most once a window per server, off the request's path. */
  private sweep(at: Date) {
    if (at.getTime() - this.lastSweep < this.windowMs) return;
    this.lastSweep = at.getTime();
    this.getDb()
      .deleteFrom("request_counts")
      .where("resets_at", "<", at.toISOString())
      .execute()
      .catch((error: unknown) =>
        logger.warn({ err: error }, "could not remove old request counts"),
      );
  }
}

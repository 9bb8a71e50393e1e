import type SQLite from "better-sqlite3";
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from "kysely";

// Why not Kysely's own SqliteDriver: it has one connection behind one lock, and better-sqlite3
// waits for a busy database *on the event-loop thread* (busy_timeout). When another process held
// the write lock (a retention run, a backup, a sqlite3 shell), every request stalled, /healthz for
// 6.5 s, and a booking failed "database is locked" (issue 16, item 3). This driver:
//  - waits for the write lock asynchronously: the connection's own busy wait is a few
//    milliseconds, and a statement refused as busy is tried again after a growing pause during
//    which the server goes on serving;
//  - reads that are not part of a transaction go to a second, read-only connection, which in WAL
//    mode never waits for writers, so pages keep loading while a write waits for its turn.
// Reads inside a transaction, and every write, stay on the one writing connection in turn.

/** How long a write waits, in all, for another process to let go of the database. */
const WRITE_WAIT_MS = 30_000;
const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 250;

function isBusy(error: unknown): boolean {
  // SQLITE_BUSY_SNAPSHOT is not in this list: a transaction whose snapshot is stale can never go
  // on, so trying again would only wait for the same refusal.
  const code = (error as { code?: unknown })?.code;
  return (
    code === "SQLITE_BUSY" || code === "SQLITE_BUSY_RECOVERY" || code === "SQLITE_BUSY_TIMEOUT"
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Prepared statements kept per connection, by their SQL. Preparing costs as much as running a
// small query (a CPU profile of a list page at factor 100 put 0.5 ms of each request in
// `prepare`), and Kysely writes the same few hundred statements again and again. The cache is
// bounded so SQL that embeds a varying list (`in (?, ?, …)` of a page's ids) cannot grow it without
// end; a Map keeps insertion order, so the oldest entry goes first.
const STATEMENTS_KEPT = 500;
const statementCaches = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function prepared(db: SQLite.Database, sqlText: string): SQLite.Statement {
  let cache = statementCaches.get(db);
  if (!cache) statementCaches.set(db, (cache = new Map()));
  const kept = cache.get(sqlText);
  // A statement still being iterated (a stream not yet finished) cannot run again meanwhile.
  if (kept && !kept.busy) return kept;
  const stmt = db.prepare(sqlText);
  if (!kept) {
    if (cache.size >= STATEMENTS_KEPT) cache.delete(cache.keys().next().value as string);
    cache.set(sqlText, stmt);
  }
  return stmt;
}

function run(db: SQLite.Database, query: CompiledQuery): QueryResult<unknown> {
  const stmt = prepared(db, query.sql);
  const parameters = query.parameters as unknown[];
  if (stmt.reader) return { rows: stmt.all(parameters) };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return {
    numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
    insertId:
      lastInsertRowid !== undefined && lastInsertRowid !== null
        ? BigInt(lastInsertRowid)
        : undefined,
    rows: [],
  };
}

async function runWaitingForLock(
  db: SQLite.Database,
  query: CompiledQuery,
): Promise<QueryResult<unknown>> {
  const started = Date.now();
  let wait = FIRST_PAUSE_MS;
  for (;;) {
    try {
      return run(db, query);
    } catch (error) {
      if (!isBusy(error) || Date.now() - started > WRITE_WAIT_MS) throw error;
      await pause(wait);
      wait = Math.min(wait * 2, LONGEST_PAUSE_MS);
    }
  }
}

class Turn {
  #current: Promise<void> | undefined;
  #release: (() => void) | undefined;

  async take() {
    while (this.#current) await this.#current;
    this.#current = new Promise((resolve) => (this.#release = resolve));
  }

  give() {
    const release = this.#release;
    this.#current = undefined;
    this.#release = undefined;
    release?.();
  }
}

/** One use of the database, from acquire to release: a single statement, a transaction or `db.connection()`. */
class LanternConnection implements DatabaseConnection {
  #holdsWriter = false;

  constructor(private driver: LanternSqliteDriver) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const reader = this.driver.reader;
    if (!this.#holdsWriter && reader && SelectQueryNode.is(query.query))
      return run(reader, query) as QueryResult<R>;
    await this.holdWriter();
    return (await runWaitingForLock(this.driver.writer, query)) as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error("Only select queries can be streamed");
    const db = !this.#holdsWriter && this.driver.reader ? this.driver.reader : this.driver.writer;
    for (const row of db.prepare(query.sql).iterate(query.parameters as unknown[]))
      yield { rows: [row as R] };
  }

  async holdWriter() {
    if (this.#holdsWriter) return;
    await this.driver.writerTurn.take();
    this.#holdsWriter = true;
  }

  release() {
    if (!this.#holdsWriter) return;
    this.#holdsWriter = false;
    this.driver.writerTurn.give();
  }
}

export class LanternSqliteDriver implements Driver {
  readonly writerTurn = new Turn();

  constructor(
    readonly writer: SQLite.Database,
    readonly reader: SQLite.Database | undefined,
  ) {}

  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new LanternConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings) {
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }

  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(connection: DatabaseConnection) {
    (connection as LanternConnection).release();
  }

  async destroy() {
    this.reader?.close();
    this.writer.close();
  }
}

/** Kysely's SQLite dialect (adapter, compiler, introspector) over the driver above. */
export class LanternSqliteDialect extends SqliteDialect {
  constructor(
    private writer: SQLite.Database,
    private reader: SQLite.Database | undefined,
  ) {
    super({ database: writer });
  }

  override createDriver(): Driver {
    return new LanternSqliteDriver(this.writer, this.reader);
  }
}

import { sql, type Expression, type RawBuilder } from "kysely";
import { isPostgres, type Queryable } from "./db.server";

// The few SQL forms that differ between SQLite and PostgreSQL, one function each, so no query
// carries dialect-specific SQL inline.

/** 'YYYY-MM' of an ISO-8601 text timestamp or date column (already in UTC or local date form). */
export function monthOf(db: Queryable, column: Expression<string>): RawBuilder<string> {
  return isPostgres(db)
    ? sql<string>`substring(${column} from 1 for 7)`
    : sql<string>`substr(${column}, 1, 7)`;
}

/** 'YYYY-MM-DD' of an ISO-8601 text timestamp or date column. */
export function dayOf(db: Queryable, column: Expression<string>): RawBuilder<string> {
  return isPostgres(db)
    ? sql<string>`substring(${column} from 1 for 10)`
    : sql<string>`substr(${column}, 1, 10)`;
}

/** Case-insensitive "contains" for search boxes. */
export function containsInsensitive(
  db: Queryable,
  column: Expression<string>,
  needle: string,
): RawBuilder<boolean> {
  const pattern = `%${needle.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return isPostgres(db)
    ? sql<boolean>`${column} ilike ${pattern} escape '\\'`
    : sql<boolean>`lower(${column}) like lower(${pattern}) escape '\\'`;
}

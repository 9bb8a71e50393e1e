// npm run migrate — applies every pending migration to DATABASE_URL (PostgreSQL) when set, else to
// DATABASE_PATH (default data/lantern.db).
import { closeDb, databaseLabel, getDb } from "../app/db/db.server";
import { migrateToLatest } from "../app/db/migrate.server";

const applied = await migrateToLatest(getDb());
console.log(
  applied.length
    ? `Applied ${applied.length} migration(s) to ${databaseLabel()}:\n  ${applied.join("\n  ")}`
    : `${databaseLabel()} is up to date.`,
);
await closeDb();

// npm run migrate — applies every pending migration to DATABASE_PATH (default data/lantern.db).
import { closeDb, getDb } from "../app/db/db.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { env } from "../app/utils/env.server";

const applied = await migrateToLatest(getDb());
console.log(applied.length ? `Applied ${applied.length} migration(s) to ${env().DATABASE_PATH}:\n  ${applied.join("\n  ")}` : `${env().DATABASE_PATH} is up to date.`);
await closeDb();

// npm run seed — migrates DATABASE_PATH and fills it with the demo data. Refuses a database that
// already has people in it, so it can never overwrite real data.
import { closeDb, getDb } from "../app/db/db.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { seedDemo } from "../app/seed/seed.server";
import { env } from "../app/utils/env.server";

const db = getDb();
await migrateToLatest(db);
const existing = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
if (existing) {
  console.error(`${env().DATABASE_PATH} already has accounts in it; the demo seed only fills an empty database.`);
  process.exit(1);
}
const started = Date.now();
await seedDemo(db);
console.log(`Seeded ${env().DATABASE_PATH} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
await closeDb();

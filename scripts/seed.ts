// npm run seed — migrates the database (DATABASE_URL, or DATABASE_PATH) and fills it with the demo
// data. Refuses a database that already has people in it, so it can never overwrite real data.
// --reuse-demo (npm run demo on PostgreSQL): a database already holding the demo is used as it is.
import { closeDb, databaseLabel, getDb } from "../app/db/db.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { seedDemo } from "../app/seed/seed.server";

const db = getDb();
await migrateToLatest(db);
const existing = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
if (existing) {
  const demo = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "lead@example.org")
    .executeTakeFirst();
  if (demo && process.argv.includes("--reuse-demo")) {
    console.log(`${databaseLabel()} already holds the demo data; using it as it is.`);
    await closeDb();
    process.exit(0);
  }
  console.error(
    `${databaseLabel()} already has accounts in it; the demo seed only fills an empty database.`,
  );
  process.exit(1);
}
const started = Date.now();
await seedDemo(db);
console.log(`Seeded ${databaseLabel()} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
await closeDb();

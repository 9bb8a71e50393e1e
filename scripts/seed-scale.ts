// npm run seed:scale -- --factor 10 — builds DATABASE_PATH (default data/scale.db) afresh at
// `factor` times the programme's size, for the dashboard benchmark. Refuses the main database.
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const factorArg = args.indexOf("--factor");
const factor = factorArg >= 0 ? Number(args[factorArg + 1]) : 1;
if (!Number.isInteger(factor) || factor < 1 || factor > 100) {
  console.error("--factor must be a whole number from 1 to 100");
  process.exit(1);
}
process.env.DATABASE_PATH ??= "data/scale.db";
const file = path.resolve(process.env.DATABASE_PATH);
if (path.basename(file) === "lantern.db") {
  console.error(`Refusing to rebuild ${file}: the scale seed only builds a scratch database.`);
  process.exit(1);
}
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

const { closeDb, getDb } = await import("../app/db/db.server");
const { migrateToLatest } = await import("../app/db/migrate.server");
const { seedScale } = await import("../app/reports/scale.server");
const db = getDb();
await migrateToLatest(db);
const started = Date.now();
const { counts, programmeId, momentumId } = await seedScale(db, factor);
console.log(
  `Built ${file} at factor ${factor} in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
);
console.log(`  SOS+ programme: ${programmeId}`);
console.log(`  VCSE programme: ${momentumId}`);
for (const [table, n] of Object.entries(counts)) console.log(`  ${table}: ${n}`);
await closeDb();

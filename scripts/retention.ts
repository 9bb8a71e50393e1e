// npm run retention — removes personal data past its retention period now (the server also runs
// this daily). The period is the privacy.retention_months setting, changed at /admin/privacy.
import { closeDb, getDb } from "../app/db/db.server";
import { migrateToLatest } from "../app/db/migrate.server";
import { runRetention } from "../app/privacy/retention.server";

const db = getDb();
await migrateToLatest(db);
const run = await runRetention(db);
console.log(
  `Retention: ${run.months} months (removing what ended before ${run.cutoff.slice(0, 10)}).`,
);
for (const r of run.results) console.log(`  ${r.policy}: ${r.affected}`);
await closeDb();

// npm run restore -- FILE [--force] — replaces DATABASE_PATH with a backup. Checks the backup,
// refuses while Lantern (or anything else) has the database open, and keeps a copy of the current
// database in the backup folder first. Everyone signs in again afterwards.
import { restoreDatabase } from "../app/db/backup.server";

// On PostgreSQL (DATABASE_URL) the database is the operator's to restore with PostgreSQL's own tools,
// which also cover point-in-time recovery (decision 114); this script is for the SQLite file.
if (process.env.DATABASE_URL) {
  console.error(
    "DATABASE_URL is set: restore PostgreSQL with its own tools (pg_restore, or continuous archiving); see the README's deployment section.",
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const force = args.includes("--force");
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error("Usage: npm run restore -- FILE [--force]");
  process.exit(2);
}
try {
  const result = await restoreDatabase(file, { force });
  console.log(`Restored ${result.target} from ${result.restoredFrom}.`);
  if (result.safetyCopy)
    console.log(`The database as it was before is kept at ${result.safetyCopy}.`);
  console.log(
    "All sessions were ended: everyone signs in again. Start Lantern to apply any newer migrations.",
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

// npm run backup [-- --keep N] — an online backup of DATABASE_PATH to BACKUP_DIR (default
// DATA_DIR/backups) as lantern-<UTC timestamp>.db, safe while Lantern is running.
import { backupDatabase } from "../app/db/backup.server";
import { closeDb } from "../app/db/db.server";
import { env } from "../app/utils/env.server";

// On PostgreSQL (DATABASE_URL) the database is the operator's to back up with PostgreSQL's own tools,
// which also cover point-in-time recovery (decision 114); this script is for the SQLite file.
if (process.env.DATABASE_URL) {
  console.error(
    "DATABASE_URL is set: back up PostgreSQL with its own tools (pg_dump -Fc, or continuous archiving); see the README's deployment section.",
  );
  process.exit(2);
}

const keepArg = process.argv.indexOf("--keep");
const keep = keepArg > -1 ? Number(process.argv[keepArg + 1]) : undefined;
if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) {
  console.error("--keep takes a whole number of backups to keep, 1 or more.");
  process.exit(2);
}
try {
  const result = await backupDatabase({ keep });
  console.log(
    `Backed up ${env().DATABASE_PATH} to ${result.file} (${(result.bytes / 1024).toFixed(0)} KiB, ${result.ms} ms).`,
  );
  await closeDb();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

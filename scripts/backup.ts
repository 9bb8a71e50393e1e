// npm run backup [-- --keep N] — an online backup of DATABASE_PATH to BACKUP_DIR (default
// DATA_DIR/backups) as lantern-<UTC timestamp>.db, safe while Lantern is running.
import { backupDatabase } from "../app/db/backup.server";
import { closeDb } from "../app/db/db.server";
import { env } from "../app/utils/env.server";

const keepArg = process.argv.indexOf("--keep");
const keep = keepArg > -1 ? Number(process.argv[keepArg + 1]) : undefined;
if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) {
  console.error("--keep takes a whole number of backups to keep, 1 or more.");
  process.exit(2);
}
try {
  const result = await backupDatabase({ keep });
  console.log(`Backed up ${env().DATABASE_PATH} to ${result.file} (${(result.bytes / 1024).toFixed(0)} KiB, ${result.ms} ms).`);
  await closeDb();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

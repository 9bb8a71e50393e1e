// Shared by the retention job and the settings form (no server code here).
export const DEFAULT_RETENTION_MONTHS = 12;
export const MIN_RETENTION_MONTHS = 1;
export const MAX_RETENTION_MONTHS = 120;

/**
 * The same moment `months` calendar months earlier, for "older than the retention period". A day
 * the earlier month does not have becomes its last day (31 March less one month is 28 or 29 February).
 * Pure (and mutation-tested: `npm run test:mutation`), so it lives here rather than with the job.
 */
export function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

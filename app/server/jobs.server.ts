import type { DB } from "~/db/db.server";
import { PRIVACY_JOBS } from "~/privacy/retention.server";
import { CERTIFICATE_JOBS } from "~/certificates/certificates.server";
import { logger } from "~/utils/log.server";
import { releaseLease, withLease } from "./leases.server";
import type { Job } from "./job";
import { OPEN_SESSION_JOBS } from "~/sessions/open-jobs.server";
import { LEARNING_JOBS } from "~/learning/assignments.server";

// Periodic jobs other than the outbox (reminders, retention). Each capability registers its job
// in JOBS; each runs on its own interval, one round at a time, and logs rather than crashes.
export type { Job };

export const JOBS: Job[] = [
  ...PRIVACY_JOBS,
  // open sessions: reminders 48 hours before
  ...OPEN_SESSION_JOBS,
  // certificates: render any stored certificate still without its PDF
  ...CERTIFICATE_JOBS,
  // e-learning: a learner reminded once when an assigned module is overdue
  ...LEARNING_JOBS,
];

/** Starts every job; the function it returns stops them and resolves once no round is running. */
export function startBackgroundJobs(getDb: () => DB, jobs: Job[] = JOBS): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  for (const job of jobs) {
    const round = async () => {
      try {
        // One round per interval across every server on the database: the lease is kept (not
        // released) for the interval, so another server's timer finds it held and skips its turn.
        const db = getDb();
        await withLease(db, `job:${job.name}`, job.everyMs, () => job.run(db), { keep: true });
      } catch (error) {
        logger.error({ err: error, job: job.name }, "background job failed");
      }
      if (!stopped) timers.push(setTimeout(tracked, job.everyMs));
    };
    const tracked = () => {
      const p = round();
      running.add(p);
      void p.finally(() => running.delete(p));
    };
    timers.push(setTimeout(tracked, 1000));
  }
  return async () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
    await Promise.all(running);
    // Stopping cleanly: give up this server's turns, so a server still running takes the next one
    // at once rather than when the interval would have ended.
    try {
      for (const job of jobs) await releaseLease(getDb(), `job:${job.name}`);
    } catch (error) {
      logger.warn({ err: error }, "could not release job leases");
    }
  };
}

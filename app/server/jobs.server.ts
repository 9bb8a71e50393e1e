import type { DB } from "~/db/db.server";
import { PRIVACY_JOBS } from "~/privacy/retention.server";
import { CERTIFICATE_JOBS } from "~/certificates/certificates.server";
import { logger } from "~/utils/log.server";
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

export function startBackgroundJobs(getDb: () => DB, jobs: Job[] = JOBS) {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const job of jobs) {
    const round = async () => {
      try {
        await job.run(getDb());
      } catch (error) {
        logger.error({ err: error, job: job.name }, "background job failed");
      }
      if (!stopped) timers.push(setTimeout(round, job.everyMs));
    };
    timers.push(setTimeout(round, 1000));
  }
  return () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
  };
}

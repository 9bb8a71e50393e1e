import type { Job } from "~/server/job";
import { publicUrl } from "~/utils/url.server";
import { releaseExpiredHolds, sendDueReminders, sendJoiningLinks } from "./open.server";

// Reminders to public bookers 48 hours before an open session, and an online session's joining
// link the day before. Idempotent: each registration's
// reminder_sent_at is claimed in the transaction that writes its email, so overlapping rounds or
// several servers never send one twice.
export const OPEN_SESSION_JOBS: Job[] = [
  {
    name: "open-session-reminders",
    everyMs: 10 * 60 * 1000,
    run: (db) => sendDueReminders(db, publicUrl()),
  },
  // Places held in a burst and never confirmed are freed soon after the hold runs out.
  {
    name: "open-session-expired-holds",
    everyMs: 60 * 1000,
    run: (db) => releaseExpiredHolds(db, publicUrl()),
  },
  {
    name: "online-session-joining-links",
    everyMs: 10 * 60 * 1000,
    run: (db) => sendJoiningLinks(db, publicUrl()),
  },
];

import type { DB, Queryable, Tx } from "~/db/db.server";

// Data protection as a registry: each capability that holds personal data registers one handler
// (in app/privacy/handlers.server.ts) that can export everything it holds about a person and
// erase or anonymise it while keeping the counts reports need.

/** The person a request is about: someone with an account, or only an email address (a booker). */
export interface DataSubject {
  userId: string | null;
  email: string;
}

export interface EraseContext {
  erasedAt: string;
  actorUserId: string;
  /** What a person's name and email become (the same for every handler, so rows still join up). */
  replacementName: string;
  replacementEmail: string;
}

export interface PrivacyHandler {
  /** Short name, the key of this handler's section in an export. */
  name: string;
  /** What leads see, e.g. "Account and sign-in". */
  label: string;
  /** What this capability holds about people, in plain English (shown to leads). */
  holds: string;
  /** Everything held about the subject, JSON-serialisable. Arrays count as "records" in summaries. */
  export(db: Queryable, subject: DataSubject): Promise<Record<string, unknown>>;
  /** Erases or anonymises within the caller's transaction; returns rows changed, per table. */
  erase(tx: Tx, subject: DataSubject, ctx: EraseContext): Promise<Record<string, number>>;
}

// Retention (retention.server.ts runs the policies; each capability declares its own).
export interface RetentionContext {
  now: Date;
  months: number;
  /** ISO time `months` months before now: data whose purpose ended before it goes. */
  cutoff: string;
}

export interface RetentionPolicy {
  name: string;
  description: string;
  /** Removes or anonymises what is due; returns the number of rows changed. */
  run(db: DB, ctx: RetentionContext): Promise<number>;
}

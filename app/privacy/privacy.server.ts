import { audit } from "~/audit/audit.server";
import { normaliseEmail } from "~/auth/accounts.server";
import { compactAfterRemoval, writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { formProblem } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import { PRIVACY_HANDLERS } from "./handlers.server";
import type { DataSubject, PrivacyHandler } from "./registry.server";

// Subject access requests and erasure, across every registered capability.

export interface SubjectSummary {
  subject: DataSubject & { name: string | null; disabled: boolean; erased: boolean };
  sections: { name: string; label: string; holds: string; records: number }[];
}

export async function findSubject(
  db: Queryable,
  email: string,
): Promise<DataSubject & { name: string | null; disabled: boolean; erased: boolean }> {
  const normal = normaliseEmail(email);
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "disabled_at", "email"])
    .where("email", "=", normal)
    .executeTakeFirst();
  return {
    userId: user?.id ?? null,
    email: normal,
    name: user?.name ?? null,
    disabled: !!user?.disabled_at,
    erased: !!user?.email.endsWith("@erased.invalid"),
  };
}

function countRecords(section: Record<string, unknown>): number {
  let n = 0;
  for (const v of Object.values(section)) {
    if (Array.isArray(v)) n += v.length;
    else if (v && typeof v === "object") n += 1;
  }
  return n;
}

/** Audited: looking up what is held about someone is itself a sensitive read. */
export async function summariseSubject(
  db: DB,
  input: { email: string; actorUserId: string; ip: string },
  handlers: PrivacyHandler[] = PRIVACY_HANDLERS,
): Promise<SubjectSummary> {
  const subject = await findSubject(db, input.email);
  const sections = [];
  for (const h of handlers)
    sections.push({
      name: h.name,
      label: h.label,
      holds: h.holds,
      records: countRecords(await h.export(db, subject)),
    });
  await audit(db, {
    actorUserId: input.actorUserId,
    action: "privacy.looked_up",
    subjectType: subject.userId ? "user" : "email",
    subjectId: subject.userId ?? undefined,
    ip: input.ip,
  });
  return { subject, sections };
}

export interface SubjectExport {
  format: "lantern-subject-access-export/1";
  generatedAt: string;
  subject: { email: string; userId: string | null };
  sections: Record<string, unknown>;
}

/** Everything Lantern holds about one person, as JSON (a subject access request). Audited. */
export async function exportSubject(
  db: DB,
  input: { email: string; actorUserId: string; ip: string },
  handlers: PrivacyHandler[] = PRIVACY_HANDLERS,
): Promise<SubjectExport> {
  const subject = await findSubject(db, input.email);
  const sections: Record<string, unknown> = {};
  for (const h of handlers)
    sections[h.name] = redactOthers(await h.export(db, subject), subject.email);
  await audit(db, {
    actorUserId: input.actorUserId,
    action: "privacy.exported",
    subjectType: subject.userId ? "user" : "email",
    subjectId: subject.userId ?? undefined,
    ip: input.ip,
  });
  return {
    format: "lantern-subject-access-export/1",
    generatedAt: nowIso(),
    subject: { email: subject.email, userId: subject.userId },
    sections,
  };
}

const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
export const ANOTHER_PERSON = "[another person]";

/**
 * A subject-access export is about one person: any other person's email address in it (the people a
 * manager invited, through audit entries) is replaced (issue 11, finding 16).
 */
function redactOthers(value: unknown, email: string): unknown {
  const own = email.toLowerCase();
  if (typeof value === "string")
    return value.replace(EMAIL_ADDRESS, (found) =>
      found.toLowerCase() === own ? found : ANOTHER_PERSON,
    );
  if (Array.isArray(value)) return value.map((v) => redactOthers(v, email));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactOthers(v, email)]));
  }
  return value;
}

/**
 * Erases a person: every handler anonymises or deletes what it holds, in one transaction, so
 * counts (sessions delivered, people reached, staff trained) stay right and no name or address
 * is left. Refuses to erase yourself or the last active programme lead.
 */
export async function eraseSubject(
  db: DB,
  input: { email: string; actorUserId: string; ip: string },
  handlers: PrivacyHandler[] = PRIVACY_HANDLERS,
) {
  const subject = await findSubject(db, input.email);
  // Both refusals are shown on the form, beside the address typed, so the lead can see why.
  if (subject.userId === input.actorUserId)
    return formProblem("", "You cannot erase your own account. Ask another programme lead.", 403);
  const replacementId = newId();
  const result = await writeTransaction(db, async (tx) => {
    if (subject.userId) {
      const leads = await tx
        .selectFrom("memberships")
        .innerJoin("users", "users.id", "memberships.user_id")
        .select("users.id")
        .where("memberships.role", "=", "programme_lead")
        .where("users.disabled_at", "is", null)
        .distinct()
        .execute();
      if (leads.length === 1 && leads[0].id === subject.userId)
        return formProblem(
          "",
          "This is the only active programme lead. Invite another before erasing them.",
          409,
        );
    }
    const ctx = {
      erasedAt: nowIso(),
      actorUserId: input.actorUserId,
      replacementName: "Erased person",
      replacementEmail: `erased-${replacementId}@erased.invalid`,
    };
    const changed: Record<string, Record<string, number>> = {};
    for (const h of handlers) changed[h.name] = await h.erase(tx, subject, ctx);
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: "privacy.erased",
      subjectType: subject.userId ? "user" : "email",
      subjectId: subject.userId ?? replacementId,
      detail: { changed },
      ip: input.ip,
    });
    return {
      ok: true as const,
      subject: { userId: subject.userId, replacementEmail: ctx.replacementEmail },
      changed,
    };
  });
  if (!result.ok) return result;
  // The removed bytes must leave the file and its WAL too, not only the live rows (finding 8).
  await compactAfterRemoval(db);
  return result;
}

/**
 * For other capabilities: record that someone viewed sensitive records (safeguarding concerns,
 * another person's progress). Call it in the loader that shows them.
 */
export async function auditSensitiveRead(
  db: Queryable,
  entry: {
    actorUserId: string;
    what: string;
    subjectType: string;
    subjectId: string;
    ip?: string | null;
  },
) {
  await audit(db, {
    actorUserId: entry.actorUserId,
    action: `read.${entry.what}`,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    ip: entry.ip,
  });
}

import { sql } from "kysely";
import type { Queryable } from "~/db/db.server";
import { moduleSourceKey, sessionSourceKey } from "~/certificates/certificates.server";
import { sessionsWithOffering } from "~/sessions/queries.server";
import { londonParts } from "~/utils/dates";

// One training record per person (issue 17, item 10; decision 137): the e-learning modules they
// have completed and the training sessions they attended, each with its certificate. The learner's
// own page and their manager's organisation page show the same record, from this one function.
//
// A session belongs to a person's record when they were recorded as attending it (a confirmed
// booking marked attended, of a delivered session) and the booking is theirs: made by their
// account, or with their account's email address (public bookings are made without signing in).
// A session certificate is theirs when issued to their account or to their email address. After
// retention removes a booking's details the certificate still carries the session's title and
// date, so the session stays on the record as the certificate.

export interface RecordCertificate {
  id: string;
  serial: string;
  status: string;
}

export interface RecordModule {
  moduleId: string;
  title: string;
  version: number;
  completedAt: string;
  bestScore: number | null;
  certificate: RecordCertificate | null;
}

export interface RecordSession {
  /** null when only the certificate remains (the booking's details were removed). */
  sessionId: string | null;
  title: string;
  /** London day, YYYY-MM-DD. */
  date: string;
  certificate: RecordCertificate | null;
}

export interface TrainingRecord {
  userId: string;
  modules: RecordModule[];
  sessions: RecordSession[];
  /** Certificates on the record (modules and sessions), revoked ones not counted. */
  certificates: number;
}

/** The training records of these people (id and sign-in email), by user id. */
export async function trainingRecords(
  db: Queryable,
  people: { id: string; email: string }[],
): Promise<Map<string, TrainingRecord>> {
  const out = new Map<string, TrainingRecord>(
    people.map((p) => [p.id, { userId: p.id, modules: [], sessions: [], certificates: 0 }]),
  );
  if (!people.length) return out;
  const ids = people.map((p) => p.id);
  const byEmail = new Map(people.map((p) => [p.email.trim().toLowerCase(), p.id]));
  const emails = [...byEmail.keys()];

  const completions = await db
    .selectFrom("learning_enrolments as e")
    .innerJoin("learning_module_versions as v", "v.id", "e.version_id")
    .select([
      "e.user_id",
      "e.module_id",
      "e.version_id",
      "e.completed_at",
      "e.best_score",
      "v.title",
      "v.version",
    ])
    .where("e.user_id", "in", ids)
    .where("e.completed_at", "is not", null)
    .orderBy("e.completed_at", "desc")
    .execute();

  // The person's attended registrations first, found by their indexes (user, lowercased email),
  // then those sessions: joined the other way round, the database read every delivered session's
  // registrations to find one person's (92 ms at a hundred times the programme's size; issue 16).
  const attendedRegistrations = await db
    .selectFrom("registrations as r")
    .select(["r.id", "r.user_id", "r.email", "r.session_id"])
    .where("r.status", "=", "confirmed")
    .where("r.attendance", "=", "attended")
    .where("r.anonymised_at", "is", null)
    .where((eb) =>
      eb.or([eb("r.user_id", "in", ids), eb(sql<string>`lower(r.email)`, "in", emails)]),
    )
    .execute();
  const attendedSessions = attendedRegistrations.length
    ? await sessionsWithOffering(db)
        .select(["s.id", "s.starts_at", "o.title"])
        .where("s.id", "in", [...new Set(attendedRegistrations.map((r) => r.session_id))])
        .where("s.status", "=", "delivered")
        .execute()
    : [];
  const sessionById = new Map(attendedSessions.map((s) => [s.id, s]));
  const attended = attendedRegistrations
    .flatMap((r) => {
      const s = sessionById.get(r.session_id);
      return s ? [{ ...r, starts_at: s.starts_at, title: s.title }] : [];
    })
    .sort((a, b) => (a.starts_at < b.starts_at ? 1 : a.starts_at > b.starts_at ? -1 : 0));

  const certificates = await db
    .selectFrom("certificates")
    .select([
      "id",
      "serial",
      "status",
      "kind",
      "source_key",
      "holder_user_id",
      "holder_email",
      "achievement_title",
      "achievement",
      "achieved_on",
    ])
    .where("source_key", "is not", null)
    .where((eb) =>
      eb.or([
        eb("holder_user_id", "in", ids),
        eb.and([
          eb("holder_user_id", "is", null),
          eb(sql<string>`lower(holder_email)`, "in", emails),
        ]),
      ]),
    )
    .execute();

  const ownerOf = (userId: string | null, email: string | null) =>
    (userId && out.has(userId) ? userId : null) ??
    (email ? (byEmail.get(email.trim().toLowerCase()) ?? null) : null);
  const certBySource = new Map(certificates.map((c) => [c.source_key!, c]));
  const used = new Set<string>();
  const cert = (c: (typeof certificates)[number] | undefined): RecordCertificate | null => {
    if (!c) return null;
    used.add(c.id);
    return { id: c.id, serial: c.serial, status: c.status };
  };

  for (const e of completions) {
    out.get(e.user_id)!.modules.push({
      moduleId: e.module_id,
      title: e.title,
      version: e.version,
      completedAt: e.completed_at!,
      bestScore: e.best_score,
      certificate: cert(certBySource.get(moduleSourceKey(e.version_id, e.user_id))),
    });
  }
  for (const r of attended) {
    const owner = ownerOf(r.user_id, r.email);
    if (!owner) continue;
    out.get(owner)!.sessions.push({
      sessionId: r.session_id,
      title: r.title,
      date: londonParts(r.starts_at).date,
      certificate: cert(certBySource.get(sessionSourceKey(r.session_id, r.id))),
    });
  }
  // Session certificates whose booking is gone (retention) or was not theirs by email: the
  // certificate is the record of the session.
  for (const c of certificates) {
    if (used.has(c.id) || c.kind !== "session") continue;
    const owner = ownerOf(c.holder_user_id, c.holder_email);
    if (!owner) continue;
    out.get(owner)!.sessions.push({
      sessionId: null,
      title: sessionTitleOf(c.achievement) ?? c.achievement_title,
      date: c.achieved_on,
      certificate: cert(c),
    });
  }
  for (const rec of out.values()) {
    rec.sessions.sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
    rec.certificates = [...rec.modules, ...rec.sessions].filter(
      (x) => x.certificate && x.certificate.status !== "revoked",
    ).length;
  }
  return out;
}

function sessionTitleOf(achievement: string): string | null {
  try {
    const a = JSON.parse(achievement) as { sessionTitle?: unknown };
    return typeof a.sessionTitle === "string" ? a.sessionTitle : null;
  } catch {
    return null;
  }
}

/** One person's record. */
export async function trainingRecord(db: Queryable, person: { id: string; email: string }) {
  return (await trainingRecords(db, [person])).get(person.id)!;
}

/**
 * An organisation's staff's records, for their manager's page, and the passport's session rows:
 * for each training session title, how many of the staff attended one.
 */
export async function staffTrainingRecords(
  db: Queryable,
  staff: { userId: string; name: string; email: string }[],
) {
  const records = await trainingRecords(
    db,
    staff.map((r) => ({ id: r.userId, email: r.email })),
  );
  const byTitle = new Map<string, Set<string>>();
  for (const rec of records.values())
    for (const x of rec.sessions) {
      const who = byTitle.get(x.title) ?? new Set<string>();
      who.add(rec.userId);
      byTitle.set(x.title, who);
    }
  return {
    records: staff.map((r) => ({ name: r.name, email: r.email, ...records.get(r.userId)! })),
    sessionPassport: [...byTitle]
      .map(([title, who]) => ({
        title,
        attended: who.size,
        percent: staff.length ? Math.round((who.size * 100) / staff.length) : 0,
      }))
      .sort((a, b) => a.title.localeCompare(b.title)),
  };
}

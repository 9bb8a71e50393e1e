import { sessionsWithOffering } from "~/sessions/queries.server";
import { z } from "zod";
import {
  issueBatch,
  issueWithin,
  sessionSourceKey,
  type IssueInput,
} from "~/certificates/certificates.server";
import { enqueueCertificateEmail } from "~/certificates/emails.server";
import type { DB, Queryable, Tx } from "~/db/db.server";
import type { Audience, Certificate } from "~/db/schema";
import { formatDay, londonParts } from "~/utils/dates";
import { formProblem } from "~/utils/errors.server";
import { publicUrl } from "~/utils/url.server";
import { audienceLabel } from "./audiences";

// What a delivered session earns: a certificate for each named person recorded as attending a
// session for teachers and school staff (SOS+ staff sessions) or for VCSE staff and volunteers
// (Momentum training). Pupils are counted by class, never named, and parents' sessions are
// awareness sessions, not training: neither earns a certificate. One certificate per registration
// (source key "session:<id>:registrant:<id>"), however often this runs.

export const CERTIFICATE_AUDIENCES: readonly Audience[] = ["teachers", "vcse_staff"];

export function earnsCertificates(audience: string): boolean {
  return (CERTIFICATE_AUDIENCES as readonly string[]).includes(audience);
}

const email = z.string().trim().toLowerCase().email().max(254);

function clip(text: string, max: number) {
  const t = text.trim().replace(/\s+/g, " ");
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

async function sessionFacts(db: Queryable, sessionId: string) {
  return sessionsWithOffering(db)
    .innerJoin("programmes", "programmes.id", "s.programme_id")
    .leftJoin("organisations as partner", "partner.id", "programmes.delivery_partner_id")
    .leftJoin("audiences", "audiences.name", "o.audience")
    .leftJoin("formats", "formats.name", "o.format")
    .select([
      "s.id",
      "s.status",
      "s.starts_at",
      "o.title",
      "o.description",
      "o.audience",
      "formats.label as format_label",
      "programmes.name as programme_name",
      "partner.name as partner_name",
    ])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
}

/**
 * The certificates a delivered session's attendees are due, one per named person recorded as
 * attended (walk-ins entered by name included; anonymised bookings not). Empty for sessions that
 * are not delivered or whose audience earns none.
 */
export async function sessionCertificateInputs(
  db: Queryable,
  sessionId: string,
  opts: { baseUrl?: string; issuedByUserId?: string | null } = {},
): Promise<IssueInput[]> {
  const s = await sessionFacts(db, sessionId);
  if (!s || s.status !== "delivered" || !earnsCertificates(s.audience)) return [];
  const people = await db
    .selectFrom("registrations")
    .select(["id", "name", "email", "user_id"])
    .where("session_id", "=", sessionId)
    .where("status", "=", "confirmed")
    .where("attendance", "=", "attended")
    .where("anonymised_at", "is", null)
    .orderBy("name")
    .orderBy("id")
    .execute();
  const sessionDate = londonParts(s.starts_at).date;
  const achievement = {
    kind: "session" as const,
    sessionTitle: clip(s.title, 200),
    sessionDate,
    audience: s.audience ? clip(audienceLabel(s.audience), 80) : null,
    format: s.format_label ? clip(s.format_label, 80) : null,
    // An offering's description is written for staff (internal notes), not for the holder's wall.
    description: null,
  };
  return people
    .filter((p) => p.name.trim())
    .map((p) => {
      const checked = p.email ? email.safeParse(p.email) : null;
      return {
        sourceKey: sessionSourceKey(s.id, p.id),
        holder: {
          userId: p.user_id,
          name: clip(p.name, 120),
          email: checked?.success ? checked.data : null,
        },
        achievement,
        achievedOn: sessionDate,
        issuerName: clip(s.partner_name ?? s.programme_name, 120),
        programmeName: clip(s.programme_name, 120),
        issuedByUserId: opts.issuedByUserId ?? null,
        baseUrl: opts.baseUrl,
      };
    });
}

/**
 * Issues the attendees' certificates inside the caller's write transaction (marking a session
 * delivered, or changing attendance afterwards) and queues each new holder's email. Returns the
 * certificates made now, for rendering once the transaction has committed.
 */
export async function issueSessionCertificates(
  tx: Tx,
  sessionId: string,
  /** notify: false for the demo seed's back-dated sessions (no emails about the past). */
  opts: { baseUrl?: string; issuedByUserId?: string | null; notify?: boolean } = {},
): Promise<Certificate[]> {
  const baseUrl = opts.baseUrl ?? publicUrl();
  const created: Certificate[] = [];
  for (const input of await sessionCertificateInputs(tx, sessionId, { ...opts, baseUrl })) {
    const r = await issueWithin(tx, input);
    if (!r.created) continue;
    created.push(r.certificate);
    if (opts.notify !== false) await enqueueCertificateEmail(tx, r.certificate, baseUrl);
  }
  return created;
}

/**
 * A lead's "certificates for this session": every attendee's certificate (issuing any still
 * missing) gathered into a batch whose PDFs are rendered in the worker pool and downloaded as one
 * ZIP. Running it again makes a new batch of the same certificates, never new certificates.
 */
export async function sessionCertificateBatch(
  db: DB,
  sessionId: string,
  opts: { baseUrl?: string; byUserId: string },
) {
  const s = await sessionFacts(db, sessionId);
  // The session is chosen from a list on the form, so each of these is shown on that field.
  if (!s) return formProblem("sessionId", "We could not find that session.", 404);
  if (!earnsCertificates(s.audience))
    return formProblem(
      "sessionId",
      "Sessions for pupils and for parents do not earn certificates.",
    );
  if (s.status !== "delivered")
    return formProblem("sessionId", "Mark the session delivered before issuing its certificates.");
  const due = await sessionCertificateInputs(db, sessionId, {
    baseUrl: opts.baseUrl,
    issuedByUserId: opts.byUserId,
  });
  if (!due.length)
    return formProblem(
      "sessionId",
      "No one is recorded by name as attending this session, so there are no certificates to issue.",
    );
  // A certificate a lead has revoked (and not re-issued) stays out of the ZIP, and is not issued again.
  const revoked = new Set<string>();
  for (let i = 0; i < due.length; i += 500) {
    const rows = await db
      .selectFrom("certificates")
      .select("source_key")
      .where(
        "source_key",
        "in",
        due.slice(i, i + 500).map((d) => d.sourceKey),
      )
      .where("status", "=", "revoked")
      .execute();
    for (const r of rows) revoked.add(r.source_key!);
  }
  const items = due.filter((d) => !revoked.has(d.sourceKey));
  if (!items.length)
    return formProblem("sessionId", "Every certificate for this session has been revoked.");
  const day = formatDay(londonParts(s.starts_at).date);
  const batch = await issueBatch(db, {
    label: `${clip(s.title, 120)}, ${day} (${items.length} ${items.length === 1 ? "attendee" : "attendees"})`,
    createdByUserId: opts.byUserId,
    items,
  });
  return { ok: true as const, ...batch };
}

/** Delivered sessions whose attendees earn certificates, newest first, for the bulk page's picker. */
export async function certificateSessions(db: Queryable, limit = 100) {
  const rows = await sessionsWithOffering(db)
    .leftJoin("districts", "districts.id", "s.district_id")
    .select(["s.id", "s.starts_at", "s.venue", "o.title", "districts.name as district_name"])
    .select((eb) =>
      eb
        .selectFrom("registrations")
        .select((e2) => e2.fn.countAll<number>().as("n"))
        .whereRef("registrations.session_id", "=", "s.id")
        .where("registrations.status", "=", "confirmed")
        .where("registrations.attendance", "=", "attended")
        .where("registrations.anonymised_at", "is", null)
        .as("attendees"),
    )
    .where("s.status", "=", "delivered")
    .where("o.audience", "in", [...CERTIFICATE_AUDIENCES])
    .orderBy("s.starts_at", "desc")
    .limit(limit)
    .execute();
  return rows
    .map((r) => ({ ...r, attendees: Number(r.attendees ?? 0) }))
    .filter((r) => r.attendees > 0);
}

/** For the run-sheet: how many attendees are due a certificate and how many have one. */
export async function sessionCertificateSummary(db: Queryable, sessionId: string) {
  const due = await sessionCertificateInputs(db, sessionId);
  if (!due.length) return { due: 0, issued: 0, revoked: 0 };
  const keys = due.map((d) => d.sourceKey);
  let issued = 0;
  let revoked = 0;
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom("certificates")
      .select("status")
      .where("source_key", "in", keys.slice(i, i + 500))
      .execute();
    issued += rows.length;
    revoked += rows.filter((r) => r.status === "revoked").length;
  }
  return { due: due.length, issued, revoked };
}

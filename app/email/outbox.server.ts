import nodemailer, { type Transporter } from "nodemailer";
import { containsInsensitive } from "~/db/dialect.server";
import { isPostgres, type DB, type Queryable } from "~/db/db.server";
import { leaseOwner } from "~/server/leases.server";
import { now, nowIso } from "~/utils/clock.server";
import { env } from "~/utils/env.server";
import { newId } from "~/utils/ids.server";

// Email goes through the outbox: a message is written in the same transaction as the change that
// causes it, and a background worker sends it with retries, so nothing is lost while the mail
// server is down. With no SMTP_URL, messages wait in the outbox and leads read them at /admin/outbox.

export interface Attachment {
  filename: string;
  contentType: string;
  /** text content (e.g. an .ics invite) */
  content: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: Attachment[];
}

export const MAX_ATTEMPTS = 8;

export async function enqueueEmail(db: Queryable, email: OutgoingEmail): Promise<string> {
  const id = newId();
  const t = nowIso();
  await db
    .insertInto("outbox")
    .values({
      id,
      to_address: email.to,
      subject: email.subject,
      text_body: email.text,
      html_body: email.html ?? null,
      attachments: email.attachments?.length ? JSON.stringify(email.attachments) : null,
      status: "pending",
      attempts: 0,
      next_attempt_at: t,
      last_error: null,
      created_at: t,
      sent_at: null,
    })
    .execute();
  return id;
}

/** 30 s, 1 min, 2 min … capped at an hour. */
export function backoffMs(attempts: number) {
  return Math.min(60 * 60 * 1000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

let transport: Transporter | undefined;
let transportUrl: string | undefined;
function getTransport(url: string) {
  if (!transport || transportUrl !== url) {
    transport = nodemailer.createTransport(url);
    transportUrl = url;
  }
  return transport;
}

/**
 * How long a server's claim on a message holds. A server killed while sending leaves the message
 * to another once this has passed (the message may then go twice, if the first server's SMTP
 * conversation had finished: nothing on our side can know).
 */
export const OUTBOX_LEASE_MS = 5 * 60_000;

/**
 * Claims the next due message for this server: one statement that picks it and writes our lease on
 * it, so two servers never both send it. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets servers
 * claiming at the same moment each take a different message instead of queueing on one; on SQLite
 * the single writer runs the statements one after another.
 */
async function claimNext(db: DB) {
  const t = nowIso();
  let next = db
    .selectFrom("outbox")
    .select("id")
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", t)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", t)]))
    .orderBy("created_at")
    .limit(1);
  if (isPostgres(db)) next = next.forUpdate().skipLocked();
  return db
    .updateTable("outbox")
    .set({
      lease_owner: leaseOwner(),
      lease_until: new Date(now().getTime() + OUTBOX_LEASE_MS).toISOString(),
    })
    .where("id", "in", next)
    .returningAll()
    .executeTakeFirst();
}

/** Sends what is due. Returns how many were sent and how many failed this round. */
export async function deliverDue(db: DB, limit = 20): Promise<{ sent: number; failed: number }> {
  const url = env().SMTP_URL;
  if (!url) return { sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  for (let n = 0; n < limit; n++) {
    const msg = await claimNext(db);
    if (!msg) break;
    const ours = (q: ReturnType<typeof updateOutbox>) =>
      q.where("id", "=", msg.id).where("lease_owner", "=", leaseOwner());
    try {
      const attachments = msg.attachments ? (JSON.parse(msg.attachments) as Attachment[]) : [];
      await getTransport(url).sendMail({
        from: env().MAIL_FROM,
        to: msg.to_address,
        subject: msg.subject,
        text: msg.text_body,
        html: msg.html_body ?? undefined,
        attachments: attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
      await ours(
        updateOutbox(db)
          // Kept redacted: the links in it let the recipient in, and only they should hold them
          // (issue 11, finding 9). An .ics attachment carries no token.
          .set({
            status: "sent",
            sent_at: nowIso(),
            attempts: msg.attempts + 1,
            last_error: null,
            text_body: redactLinks(msg.text_body),
            html_body: msg.html_body === null ? null : redactLinks(msg.html_body),
            lease_owner: null,
            lease_until: null,
          }),
      ).execute();
      sent++;
    } catch (error) {
      const attempts = msg.attempts + 1;
      await ours(
        updateOutbox(db).set({
          attempts,
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          next_attempt_at: new Date(now().getTime() + backoffMs(attempts)).toISOString(),
          last_error:
            error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
          lease_owner: null,
          lease_until: null,
        }),
      ).execute();
      failed++;
    }
  }
  return { sent, failed };
}

function updateOutbox(db: DB) {
  return db.updateTable("outbox");
}

/** Polls the outbox until stopped. One round at a time: a slow SMTP server never overlaps rounds. */
/** Starts the worker; the function it returns stops it and resolves once a round in progress ends. */
export function startOutboxWorker(
  getDb: () => DB,
  intervalMs = env().OUTBOX_INTERVAL_MS,
): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  const round = async () => {
    try {
      await deliverDue(getDb());
    } catch (error) {
      console.error("outbox round failed", error);
    }
    if (!stopped) timer = setTimeout(tracked, intervalMs);
  };
  const tracked = () => {
    current = round();
  };
  timer = setTimeout(tracked, 100);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
  };
}

/** Newest first, a page at a time; `search` finds a part of the address or the subject, any case. */
export async function listOutbox(
  db: Queryable,
  opts: { limit?: number; offset?: number; to?: string; search?: string } = {},
) {
  let q = db
    .selectFrom("outbox")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(opts.limit ?? 100)
    .offset(opts.offset ?? 0);
  if (opts.to) q = q.where("to_address", "=", opts.to);
  const search = opts.search?.trim();
  if (search)
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(db, eb.ref("to_address"), search),
        containsInsensitive(db, eb.ref("subject"), search),
      ]),
    );
  return q.execute();
}

/**
 * A message as a programme lead may read it. Once a mail server is configured the outbox is not
 * anyone's mailbox, so token-bearing links are never shown, even before the message is sent;
 * without one (the demo) the outbox is where emails are read, links and all.
 */
export async function getOutboxMessage(db: Queryable, id: string) {
  const m = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
  if (!m || !env().SMTP_URL) return m;
  return {
    ...m,
    text_body: redactLinks(m.text_body),
    html_body: m.html_body === null ? null : redactLinks(m.html_body),
  };
}

// Paths whose last part is a token that lets its holder in: resets, invitations, cancellations,
// certificate downloads, calendar feeds, feedback.
const TOKEN_LINK =
  /https?:\/\/[^\s"'<>]*\/(?:reset-password|invitations|sessions\/open\/(?:cancel|confirm)|certificates\/download|calendar|feedback)\/[a-z2-7]{32}[^\s"'<>]*/g;
export const REDACTED_LINK = "[link removed once sent: only the person it was sent to holds it]";

/** The text with every token-bearing link replaced by a note. */
export function redactLinks(text: string): string {
  return text.replace(TOKEN_LINK, REDACTED_LINK);
}

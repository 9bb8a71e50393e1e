import { throttleStatus, recordFailure } from "~/auth/throttle.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { writeTransaction, type DB } from "~/db/db.server";
import { enqueueEmail } from "~/email/outbox.server";
import { nowIso } from "~/utils/clock.server";
import { bookingEmail } from "./open-emails.server";
import { cancelUrl, emailSession, getSessionWithPlaces } from "./open.server";

// "Send me my booking details again": for someone who lost their confirmation. The answer on the
// page is the same whether or not the address has a booking, so it tells a stranger nothing; each
// upcoming booking's details go only to the address itself, with a new cancel link (only a hash of
// the old one is kept, so it cannot be sent again). Limited per address and per network address,
// so it cannot be used to flood someone's inbox.

const PER_ADDRESS = 3;
const PER_IP = 20;

export type ResendOutcome = { ok: true } | { ok: false; retryAfterSeconds: number };

export async function resendBookingDetails(
  db: DB,
  input: { email: string; ip: string; baseUrl: string },
): Promise<ResendOutcome> {
  const email = input.email.trim().toLowerCase();
  const keys = [`resend:${email}`, `resend-ip:${input.ip}`];
  const { blockedForSeconds } = await throttleStatus(db, keys);
  if (blockedForSeconds) return { ok: false, retryAfterSeconds: blockedForSeconds };
  await recordFailure(db, keys[0], PER_ADDRESS);
  await recordFailure(db, keys[1], PER_IP);
  await writeTransaction(db, async (tx) => {
    const regs = await tx
      .selectFrom("registrations as r")
      .innerJoin("delivery_sessions as s", "s.id", "r.session_id")
      .select(["r.id", "r.name", "r.status", "r.session_id", "r.created_at"])
      .where("r.email", "=", email)
      .where("r.status", "in", ["confirmed", "waiting"])
      .where("s.status", "=", "scheduled")
      .where("s.starts_at", ">", nowIso())
      .orderBy("s.starts_at")
      .execute();
    for (const r of regs) {
      const session = await getSessionWithPlaces(tx, r.session_id);
      if (!session) continue;
      const token = generateToken();
      await tx
        .updateTable("registrations")
        .set({ cancel_token_hash: hashToken(token), updated_at: nowIso() })
        .where("id", "=", r.id)
        .execute();
      const position =
        r.status === "waiting"
          ? Number(
              (
                await tx
                  .selectFrom("registrations")
                  .select((eb) => eb.fn.countAll<number>().as("n"))
                  .where("session_id", "=", r.session_id)
                  .where("status", "=", "waiting")
                  .where("created_at", "<=", r.created_at)
                  .executeTakeFirstOrThrow()
              ).n,
            )
          : null;
      await enqueueEmail(
        tx,
        bookingEmail({
          to: email,
          name: r.name,
          session: emailSession(session),
          status: r.status as "confirmed" | "waiting",
          position,
          cancelUrl: cancelUrl(input.baseUrl, token),
        }),
      );
    }
  });
  return { ok: true };
}

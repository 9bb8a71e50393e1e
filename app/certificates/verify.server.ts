import { recordFailure, throttleStatus, THROTTLE } from "~/auth/throttle.server";
import { writeTransaction, type DB } from "~/db/db.server";
import { formatDate, formatDay } from "~/utils/dates";
import { achievementDetail, achievementOf } from "./certificates.server";
import { normaliseCode } from "./codes";

// Public verification. It answers valid, revoked or not found, and for a real code shows holder,
// achievement, date and issuer — nothing more. Wrong codes are counted per client address in the
// database (the auth_throttle table, key "verify-ip:<address>"): the count then holds across
// restarts and across servers sharing one PostgreSQL database, which an in-memory counter would
// not (see docs/decisions/). Past the limit the address gets 429 with Retry-After.
export const VERIFY_LIMIT = {
  /** Wrong codes allowed per address in THROTTLE.windowMs (15 minutes) before a lock. */
  wrongCodes: 20,
  windowMinutes: THROTTLE.windowMs / 60_000,
  lockMinutes: THROTTLE.lockMs / 60_000,
};

export type VerifyOutcome =
  | { result: "throttled"; retryAfterSeconds: number }
  | { result: "not_found" }
  | {
      result: "valid" | "revoked";
      holderName: string;
      achievement: string;
      achievementDetail: string | null;
      kind: "module" | "session";
      date: string;
      issuerName: string;
      programmeName: string;
      revokedOn: string | null;
    };

function key(ip: string) {
  return `verify-ip:${ip}`;
}

export async function verifyCode(
  db: DB,
  input: { code: string; ip: string },
): Promise<VerifyOutcome> {
  const blocked = await throttleStatus(db, [key(input.ip)]);
  if (blocked.blockedForSeconds > 0)
    return { result: "throttled", retryAfterSeconds: blocked.blockedForSeconds };
  const code = normaliseCode(input.code);
  const cert = code
    ? await db
        .selectFrom("certificates")
        .select([
          "status",
          "holder_name",
          "achievement_title",
          "achievement",
          "kind",
          "achieved_on",
          "issuer_name",
          "programme_name",
          "revoked_at",
        ])
        .where("code", "=", code)
        .executeTakeFirst()
    : undefined;
  if (!cert) {
    // Counted inside a write transaction so parallel guesses cannot slip past the count.
    await writeTransaction(db, (tx) => recordFailure(tx, key(input.ip), VERIFY_LIMIT.wrongCodes));
    return { result: "not_found" };
  }
  return {
    result: cert.status,
    holderName: cert.holder_name,
    achievement: cert.achievement_title,
    achievementDetail: achievementDetail(achievementOf(cert)),
    kind: cert.kind,
    date: formatDay(cert.achieved_on),
    issuerName: cert.issuer_name,
    programmeName: cert.programme_name,
    revokedOn: cert.revoked_at ? formatDate(cert.revoked_at) : null,
  };
}

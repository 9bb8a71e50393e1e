import crypto from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import QRCode from "qrcode";
import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { now, nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { decryptSecret, encryptSecret } from "./secrets.server";
import { createSession, invalidateSession } from "./session.server";
import { clearFailures, recordFailure, throttleStatus } from "./throttle.server";
import { hashToken } from "./tokens.server";

// Two-step sign-in: TOTP (RFC 6238: 30-second steps, 6 digits, SHA-1, as every authenticator app
// expects) on @oslojs/otp, plus ten single-use recovery codes. See docs/decisions/007.
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that are accepted: ±1 (a code from the last or next 30 s). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes per person before a lock, and how long the lock lasts (like passwords). */
export const TWO_FACTOR_THROTTLE = { limit: 5 };

const ISSUER = "Lantern";

export function currentStep(at = now()): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpAt(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

function throttleKey(userId: string) {
  return `two-factor:${userId}`;
}

function sameText(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Recovery codes as people type them: case, spaces and hyphens do not matter. */
export function normaliseRecoveryCode(code: string) {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i

function newRecoveryCode(): string {
  // 10 characters from 31: about 49.5 bits each, shown as xxxxx-xxxxx.
  let s = "";
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

async function replaceRecoveryCodes(tx: Queryable, userId: string): Promise<string[]> {
  await tx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const t = nowIso();
  await tx
    .insertInto("recovery_codes")
    .values(
      codes.map((c) => ({
        id: newId(),
        user_id: userId,
        code_hash: hashToken(normaliseRecoveryCode(c)),
        used_at: null,
        created_at: t,
      })),
    )
    .execute();
  return codes;
}

export async function remainingRecoveryCodes(db: Queryable, userId: string): Promise<number> {
  const row = await db
    .selectFrom("recovery_codes")
    .select(({ fn }) => fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function loadKey(
  db: Queryable,
  userId: string,
): Promise<{ key: Uint8Array; enabled: boolean } | null> {
  const row = await db
    .selectFrom("users")
    .select(["totp_key", "totp_enabled_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row?.totp_key) return null;
  return { key: decryptSecret(row.totp_key, userId), enabled: !!row.totp_enabled_at };
}

/**
 * Checks a TOTP code against the steps now ± TOTP_WINDOW that are later than the last step used,
 * and records the step: the same code (or an earlier one) is never accepted again.
 * Call inside writeTransaction so two submissions of one code cannot both pass.
 */
async function acceptTotp(
  tx: Queryable,
  userId: string,
  key: Uint8Array,
  code: string,
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const last = await tx
    .selectFrom("totp_last_steps")
    .select("step")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const lastStep = last ? Number(last.step) : -1;
  const s = currentStep();
  for (let step = s - TOTP_WINDOW; step <= s + TOTP_WINDOW; step++) {
    if (step <= lastStep) continue;
    if (sameText(totpAt(key, step), code)) {
      if (last)
        await tx
          .updateTable("totp_last_steps")
          .set({ step, used_at: nowIso() })
          .where("user_id", "=", userId)
          .execute();
      else
        await tx
          .insertInto("totp_last_steps")
          .values({ user_id: userId, step, used_at: nowIso() })
          .execute();
      return true;
    }
  }
  return false;
}

async function acceptRecoveryCode(tx: Queryable, userId: string, code: string): Promise<boolean> {
  const normal = normaliseRecoveryCode(code);
  if (!/^[a-z0-9]{10}$/.test(normal)) return false;
  const res = await tx
    .updateTable("recovery_codes")
    .set({ used_at: nowIso() })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hashToken(normal))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export type CodeCheck =
  | { ok: true; method: "totp" | "recovery"; recoveryCodesLeft: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * The one gate for a second-factor code (sign-in, turning it off, new recovery codes): throttled
 * per person like passwords, TOTP codes single-use, recovery codes single-use.
 */
export async function checkSecondFactor(
  db: DB,
  input: {
    userId: string;
    code: string;
    ip: string;
    allowRecovery?: boolean;
    pendingSetup?: boolean;
  },
): Promise<CodeCheck> {
  const key = throttleKey(input.userId);
  const blocked = await throttleStatus(db, [key]);
  if (blocked.blockedForSeconds > 0)
    return { ok: false, reason: "throttled", retryAfterSeconds: blocked.blockedForSeconds };
  const code = input.code.trim().replace(/\s/g, "");
  const stored = await loadKey(db, input.userId);
  const result = await writeTransaction(db, async (tx) => {
    // Setting up checks the pending (unconfirmed) key; everything else only a confirmed one.
    const usable = stored && (input.pendingSetup ? !stored.enabled : stored.enabled);
    if (usable && (await acceptTotp(tx, input.userId, stored.key, code))) return "totp" as const;
    if (
      input.allowRecovery !== false &&
      !input.pendingSetup &&
      (await acceptRecoveryCode(tx, input.userId, code))
    )
      return "recovery" as const;
    return null;
  });
  if (!result) {
    await recordFailure(db, key, TWO_FACTOR_THROTTLE.limit);
    await audit(db, { actorUserId: input.userId, action: "auth.two_factor_failed", ip: input.ip });
    const after = await throttleStatus(db, [key]);
    if (after.blockedForSeconds > 0)
      return { ok: false, reason: "throttled", retryAfterSeconds: after.blockedForSeconds };
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, key);
  if (result === "recovery")
    await audit(db, { actorUserId: input.userId, action: "auth.recovery_code_used", ip: input.ip });
  return {
    ok: true,
    method: result,
    recoveryCodesLeft: await remainingRecoveryCodes(db, input.userId),
  };
}

/**
 * After a correct code at sign-in: the password-only session ends and a new one, marked
 * two_factor_verified, takes its place (a fresh token whenever privilege rises).
 */
export async function completeTwoFactorSignIn(
  db: DB,
  input: {
    userId: string;
    sessionId: string;
    ip: string;
    userAgent: string | null;
    method: "totp" | "recovery";
  },
) {
  await invalidateSession(db, input.sessionId);
  const created = await createSession(db, input.userId, {
    ip: input.ip,
    userAgent: input.userAgent,
    twoFactorVerified: true,
  });
  await audit(db, {
    actorUserId: input.userId,
    action: "auth.two_factor_verified",
    detail: { method: input.method },
    ip: input.ip,
  });
  return created;
}

// ─── Setting up ──────────────────────────────────────────────────────────────

export interface SetupDetails {
  /** The key as people type it into an app: base32, in groups of four. */
  keyText: string;
  uri: string;
  qrSvg: string;
}

/**
 * Starts (or resumes) setting up: a new random key, stored encrypted but not yet enabled. The key
 * is shown only while it is unconfirmed; once confirmed Lantern never shows it again.
 */
export async function beginTotpSetup(
  db: DB,
  user: { id: string; email: string },
): Promise<SetupDetails | null> {
  const key = await writeTransaction(db, async (tx) => {
    const row = await tx
      .selectFrom("users")
      .select(["totp_key", "totp_enabled_at"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    if (row.totp_enabled_at) return null;
    if (row.totp_key) return decryptSecret(row.totp_key, user.id);
    const fresh = new Uint8Array(crypto.randomBytes(20));
    await tx
      .updateTable("users")
      .set({ totp_key: encryptSecret(fresh, user.id), updated_at: nowIso() })
      .where("id", "=", user.id)
      .execute();
    return fresh;
  });
  if (!key) return null;
  const uri = createTOTPKeyURI(ISSUER, user.email, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  const keyText = encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, "$1 ");
  return { keyText, uri, qrSvg };
}

/** Confirms the pending key with a code from the app. Recovery codes are made next, by their own page. */
export async function confirmTotpSetup(
  db: DB,
  input: { userId: string; code: string; ip: string },
): Promise<{ ok: true } | Exclude<CodeCheck, { ok: true }>> {
  const user = await db
    .selectFrom("users")
    .select(["totp_enabled_at"])
    .where("id", "=", input.userId)
    .executeTakeFirstOrThrow();
  if (user.totp_enabled_at) return { ok: false, reason: "invalid" };
  // A new key starts a new count of steps.
  await db.deleteFrom("totp_last_steps").where("user_id", "=", input.userId).execute();
  const check = await checkSecondFactor(db, {
    userId: input.userId,
    code: input.code,
    ip: input.ip,
    pendingSetup: true,
  });
  if (!check.ok) return check;
  await writeTransaction(db, async (tx) => {
    await tx
      .updateTable("users")
      .set({ totp_enabled_at: nowIso(), updated_at: nowIso() })
      .where("id", "=", input.userId)
      .execute();
    await tx.deleteFrom("recovery_codes").where("user_id", "=", input.userId).execute();
    await audit(tx, { actorUserId: input.userId, action: "auth.two_factor_enabled", ip: input.ip });
  });
  return { ok: true };
}

/**
 * The first set of recovery codes, straight after set-up: made only when the person has none at
 * all (used or not), so this cannot be used to replace codes without a current code.
 */
export async function issueFirstRecoveryCodes(
  db: DB,
  input: { userId: string; ip: string },
): Promise<string[] | null> {
  return writeTransaction(db, async (tx) => {
    const user = await tx
      .selectFrom("users")
      .select("totp_enabled_at")
      .where("id", "=", input.userId)
      .executeTakeFirstOrThrow();
    const any = await tx
      .selectFrom("recovery_codes")
      .select("id")
      .where("user_id", "=", input.userId)
      .limit(1)
      .executeTakeFirst();
    if (!user.totp_enabled_at || any) return null;
    const codes = await replaceRecoveryCodes(tx, input.userId);
    await audit(tx, {
      actorUserId: input.userId,
      action: "auth.recovery_codes_replaced",
      detail: { first: true },
      ip: input.ip,
    });
    return codes;
  });
}

export async function hasEverHadRecoveryCodes(db: Queryable, userId: string) {
  return !!(await db
    .selectFrom("recovery_codes")
    .select("id")
    .where("user_id", "=", userId)
    .limit(1)
    .executeTakeFirst());
}

export async function regenerateRecoveryCodes(
  db: DB,
  input: { userId: string; ip: string },
): Promise<string[]> {
  return writeTransaction(db, async (tx) => {
    const codes = await replaceRecoveryCodes(tx, input.userId);
    await audit(tx, {
      actorUserId: input.userId,
      action: "auth.recovery_codes_replaced",
      ip: input.ip,
    });
    return codes;
  });
}

export async function disableTwoFactor(
  db: DB,
  input: { userId: string; actorUserId: string; ip: string },
) {
  await writeTransaction(db, async (tx) => {
    await tx
      .updateTable("users")
      .set({ totp_key: null, totp_enabled_at: null, updated_at: nowIso() })
      .where("id", "=", input.userId)
      .execute();
    await tx.deleteFrom("recovery_codes").where("user_id", "=", input.userId).execute();
    await tx.deleteFrom("totp_last_steps").where("user_id", "=", input.userId).execute();
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: "auth.two_factor_disabled",
      subjectType: "user",
      subjectId: input.userId,
      ip: input.ip,
    });
  });
}

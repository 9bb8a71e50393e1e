import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

// argon2id at OWASP's first recommended setting (m=19 MiB, t=2, p=1). Algorithm 2 is argon2id.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFKC"));
  } catch {
    return false;
  }
}

// A fixed hash to verify against when the account does not exist, so a wrong email takes as long
// as a wrong password and response times do not reveal which addresses have accounts.
let dummyHash: Promise<string> | undefined;
/** The fixed hash a check for a missing account verifies against, made once per process. */
export function timingHash(): Promise<string> {
  // Stryker disable next-line StringLiteral: any fixed password costs the same to hash and verify
  dummyHash ??= hashPassword("not-a-real-password-for-timing");
  return dummyHash;
}
/** A password check for an account that does not exist: as slow as a real one, and always false. */
export async function burnPasswordCheck(password: string): Promise<false> {
  await verifyPassword(await timingHash(), password);
  return false;
}

// Password rules after NIST SP 800-63B-4: length (a passphrase of 15 or more), no composition
// rules, and a refusal of common and breached passwords — the bundled zxcvbn-ts lists (about
// 49,000 common passwords plus English words and names), checked offline.
export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 256;

// Built when the module loads (a quarter of a second, once per process) rather than on first use:
// a lazily cached estimator outlived the mutants of its options under mutation testing.
const estimator = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});
function strength(password: string, context: string[]) {
  return estimator.check(password, context);
}

const commonPasswords = new Set<string>(
  (common.dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()),
);

export interface PasswordVerdict {
  ok: boolean;
  /** A plain-English reason when refused. */
  problem?: string;
  /** 0 (very weak) … 4 (strong), for the strength hint. */
  score: number;
  hint: string;
}

const HINTS = [
  "Very weak: this would be guessed almost at once.",
  "Weak: easy to guess.",
  "Fair: could be stronger. Try adding another unrelated word.",
  "Good.",
  "Strong.",
];

/** Judges a new password; `context` is the person's own words (email, name) to count against it. */
export async function checkPassword(password: string, context: string[]): Promise<PasswordVerdict> {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) {
    return {
      ok: false,
      score: 0,
      problem: `Password must be at least ${MIN_PASSWORD_LENGTH} characters. Try three or four unrelated words.`,
      hint: HINTS[0],
    };
  }
  if (chars.length > MAX_PASSWORD_LENGTH) {
    return {
      ok: false,
      score: 0,
      problem: `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer.`,
      hint: "",
    };
  }
  if (commonPasswords.has(password.toLowerCase())) {
    return {
      ok: false,
      score: 0,
      problem: "This password is too common. Choose a different one.",
      hint: HINTS[0],
    };
  }
  const result = strength(password, ["lantern", "sos+", "momentum", "norfolk", ...context]);
  if (result.score < 3) {
    return {
      ok: false,
      score: result.score,
      problem: "This password is too easy to guess. Try three or four unrelated words.",
      hint: HINTS[result.score],
    };
  }
  return { ok: true, score: result.score, hint: HINTS[result.score] };
}

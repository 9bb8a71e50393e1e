import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "~/utils/env.server";

// Encryption at rest for secrets Lantern must read back (TOTP keys): AES-256-GCM under a key that
// is not in the database, so a copied database file or backup alone does not reveal them.
// The key comes from SECRET_KEY (32 bytes, base64 or hex) or, failing that, from
// DATA_DIR/secret.key, created on first use with owner-only permissions. See docs/decisions/007.
// On PostgreSQL (DATABASE_URL) only SECRET_KEY: several servers share one database, and a key file
// made on each machine's own disk would differ, so what one server encrypted another could not
// read (decision 112). The server refuses to start without it there.
const VERSION = "v1";
let cached: { source: string; key: Buffer } | undefined;

function decodeKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32)
    throw new Error("SECRET_KEY must be 32 bytes, written as 64 hex digits or base64.");
  return key;
}

export function secretKeyFile() {
  return path.resolve(env().DATA_DIR, "secret.key");
}

export const SECRET_KEY_REQUIRED =
  "SECRET_KEY must be set when DATABASE_URL is: every server on the database needs the same key " +
  "(32 random bytes, e.g. from `openssl rand -base64 32`). A key file on one machine's disk would " +
  "differ from server to server.";

/** Refuses to go on without SECRET_KEY on PostgreSQL (server.ts checks this before it listens). */
export function requireSharedSecretKey() {
  const e = env();
  if (e.DATABASE_URL && !e.SECRET_KEY) throw new Error(SECRET_KEY_REQUIRED);
  if (e.SECRET_KEY) decodeKey(e.SECRET_KEY);
}

function masterKey(): Buffer {
  const e = env();
  if (e.DATABASE_URL && !e.SECRET_KEY) throw new Error(SECRET_KEY_REQUIRED);
  const source = e.SECRET_KEY ? "env" : secretKeyFile();
  if (cached?.source === source) return cached.key;
  let key: Buffer;
  if (e.SECRET_KEY) key = decodeKey(e.SECRET_KEY);
  else {
    const file = secretKeyFile();
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      try {
        // "wx": never overwrite a key another process has just written.
        fs.writeFileSync(file, crypto.randomBytes(32).toString("base64") + "\n", {
          mode: 0o600,
          flag: "wx",
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    key = decodeKey(fs.readFileSync(file, "utf8"));
  }
  cached = { source, key };
  return key;
}

export function encryptSecret(plain: Uint8Array, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", masterKey(), iv);
  // The context (e.g. the user id) is authenticated: a ciphertext moved to another row fails.
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptSecret(stored: string, context: string): Uint8Array {
  const [version, b64] = stored.split(":");
  if (version !== VERSION || !b64) throw new Error("Unknown secret format");
  const raw = Buffer.from(b64, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", masterKey(), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(12, 28));
  return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
}

/** A key for one purpose (signing a cookie, keying a hash), derived from the master key with HKDF. */
export function derivedKey(purpose: string): Buffer {
  return Buffer.from(
    crypto.hkdfSync("sha256", masterKey(), Buffer.alloc(0), `lantern:${purpose}`, 32),
  );
}

// Verification codes: 80 random bits written as 16 Crockford base32 characters in four groups of
// four ("7K3M-9QXD-2F8R-HW4T"). Crockford's alphabet has no I, L, O or U, so nothing on the page
// can be mistaken for something else; on input, O is read as 0 and I or L as 1, and case, spaces
// and hyphens do not matter. Pure functions (no crypto here) so the rules can be unit-tested.
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 16;
export const CODE_BITS = CODE_LENGTH * 5;

/** 10 random bytes (80 bits) → 16 Crockford characters. */
export function encodeCode(bytes: Uint8Array): string {
  if (bytes.length !== 10) throw new Error("A verification code takes exactly 10 random bytes");
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** "7K3M9QXD2F8RHW4T" → "7K3M-9QXD-2F8R-HW4T" */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/**
 * What a person typed (or pasted: a whole verification address works too) → the stored form, or
 * null when it cannot be a code. Tolerates case, spaces, hyphens and the confusable letters.
 */
export function normaliseCode(input: string): string | null {
  // Stryker disable next-line MethodExpression,StringLiteral: spaces are removed below anyway, and any stand-in for a missing input is not 16 characters either
  let s = String(input ?? "").trim();
  const fromUrl = /\/verify\/([^/?#]+)/i.exec(s);
  if (fromUrl) s = decodeURIComponent(fromUrl[1]);
  s = s
    .toUpperCase()
    .replace(/[\s\-_.–—]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CROCKFORD.includes(ch)) return null;
  return s;
}

/** "LTN-2026-000123" */
export function formatSerial(year: number, n: number): string {
  return `LTN-${year}-${String(n).padStart(6, "0")}`;
}

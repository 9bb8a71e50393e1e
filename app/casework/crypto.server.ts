import { decryptSecret, encryptSecret } from "~/auth/secrets.server";

// Notes, reasons and risk in casework are sealed with the secret key (AES-256-GCM, decision 081):
// a copied database file or backup alone does not reveal them. The context binds each ciphertext
// to its table, row and column, so a value moved to another row or column fails to open.

export function seal(
  plain: string | null | undefined,
  table: string,
  id: string,
  column: string,
): string | null {
  if (plain == null || plain === "") return null;
  return encryptSecret(new TextEncoder().encode(plain), `casework:${table}:${id}:${column}`);
}

export function unseal(
  stored: string | null | undefined,
  table: string,
  id: string,
  column: string,
): string | null {
  if (stored == null) return null;
  return new TextDecoder().decode(decryptSecret(stored, `casework:${table}:${id}:${column}`));
}

export function sealJson(value: unknown, table: string, id: string, column: string): string {
  return seal(JSON.stringify(value), table, id, column)!;
}

export function unsealJson<T>(
  stored: string | null | undefined,
  table: string,
  id: string,
  column: string,
): T | null {
  const text = unseal(stored, table, id, column);
  return text == null ? null : (JSON.parse(text) as T);
}

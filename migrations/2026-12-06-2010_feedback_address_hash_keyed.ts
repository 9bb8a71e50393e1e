import type { Kysely } from "kysely";

// Feedback kept SHA-256(address + session id) to cap answers from one network address. Over IPv4
// that is reversible by trying every address, so it is now an HMAC under a monthly key derived
// from the server's secret (issue 11, finding 15). The old values are removed rather than kept:
// they could only be matched against new ones by reversing them.
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable("feedback_responses")
    .set({ ip_hash: null })
    .where("ip_hash", "is not", null)
    .execute();
}

export async function down(): Promise<void> {
  // The removed hashes cannot be brought back, and nothing needs them.
}

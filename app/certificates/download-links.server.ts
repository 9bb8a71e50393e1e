import { generateToken, hashToken } from "~/auth/tokens.server";
import type { DB, Queryable } from "~/db/db.server";
import type { Certificate } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { ensureRendered, storedPdf, type StoredPdf } from "./certificates.server";

// Holders without a Lantern account (teachers and volunteers who booked an open session) cannot
// sign in to download their certificate, so the email that tells them about it carries a link of
// their own: 160 random bits, only the hash stored. The link serves the PDF while the certificate
// is valid; once revoked (or its holder erased) it says so and serves nothing. The public
// verification page stays as it is — holder, achievement, date and issuer — for whoever checks it.

/** Makes a download link for a certificate and returns its token (shown once, in the email). */
export async function createDownloadLink(tx: Queryable, certificateId: string): Promise<string> {
  const token = generateToken();
  await tx
    .insertInto("certificate_download_links")
    .values({
      token_hash: hashToken(token),
      certificate_id: certificateId,
      created_at: nowIso(),
      last_used_at: null,
    })
    .execute();
  return token;
}

export type DownloadOutcome =
  | { result: "unknown" }
  | { result: "revoked"; serial: string }
  | { result: "pending" }
  | { result: "ready"; pdf: StoredPdf };

/** The certificate a download token stands for, if the token is well formed and known. */
async function certificateForToken(db: Queryable, token: string): Promise<Certificate | undefined> {
  if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
  return db
    .selectFrom("certificate_download_links")
    .innerJoin("certificates", "certificates.id", "certificate_download_links.certificate_id")
    .selectAll("certificates")
    .where("certificate_download_links.token_hash", "=", hashToken(token))
    .executeTakeFirst();
}

/** The PDF behind a download token, rendering it once if its render was interrupted. */
export async function downloadByToken(db: DB, token: string): Promise<DownloadOutcome> {
  const cert = await certificateForToken(db, token);
  if (!cert) return { result: "unknown" };
  if (cert.status !== "valid") return { result: "revoked", serial: cert.serial };
  let pdf = await storedPdf(db, cert);
  if (!pdf) {
    await ensureRendered(db, cert);
    pdf = await storedPdf(db, cert);
  }
  if (!pdf) return { result: "pending" };
  await db
    .updateTable("certificate_download_links")
    .set({ last_used_at: nowIso() })
    .where("token_hash", "=", hashToken(token))
    .execute();
  return { result: "ready", pdf };
}

export type LinkStatus =
  | { result: "unknown" }
  | {
      result: "revoked" | "valid";
      serial: string;
      holderName: string;
      achievementTitle: string;
      issuerName: string;
      achievedOn: string;
    };

/** What the link's page shows: the certificate's own record, or that the link does not work. */
export async function downloadLinkStatus(db: Queryable, token: string): Promise<LinkStatus> {
  const cert = await certificateForToken(db, token);
  if (!cert) return { result: "unknown" };
  return {
    result: cert.status === "valid" ? "valid" : "revoked",
    serial: cert.serial,
    holderName: cert.holder_name,
    achievementTitle: cert.achievement_title,
    issuerName: cert.issuer_name,
    achievedOn: cert.achieved_on,
  };
}

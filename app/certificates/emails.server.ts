import type { Queryable } from "~/db/db.server";
import type { Certificate } from "~/db/schema";
import { enqueueEmail } from "~/email/outbox.server";
import { simpleEmail } from "~/email/templates.server";
import { formatCode } from "./codes";
import { createDownloadLink } from "./download-links.server";

// "Your certificate is ready": sent through the outbox in the same transaction as the issue, so
// it goes if and only if the certificate exists.

export function certificateIssuedEmail(
  cert: Pick<
    Certificate,
    | "id"
    | "holder_email"
    | "holder_name"
    | "holder_user_id"
    | "kind"
    | "achievement_title"
    | "serial"
    | "code"
    | "verify_url"
    | "issuer_name"
  >,
  baseUrl: string,
  downloadToken?: string,
) {
  const what =
    cert.kind === "module"
      ? `completing the e-learning module “${cert.achievement_title}”`
      : `attending “${cert.achievement_title}”`;
  const paragraphs = [
    `Dear ${cert.holder_name},`,
    `${cert.issuer_name} has issued you a certificate for ${what}.`,
    `Its serial is ${cert.serial} and its verification code is ${formatCode(cert.code)}. Anyone you show it to can check it is real at ${cert.verify_url}`,
  ];
  if (cert.holder_user_id) {
    paragraphs.push(
      "Sign in to Lantern to download it as a PDF. It is kept with your other certificates.",
    );
    return simpleEmail(
      cert.holder_email!,
      `Your certificate: ${cert.achievement_title}`,
      paragraphs,
      {
        href: `${baseUrl.replace(/\/$/, "")}/certificates/${cert.id}`,
        text: "View and download your certificate",
      },
    );
  }
  // No account to sign in to: the link below is the holder's own (see download-links.server.ts).
  paragraphs.push(
    "Download it as a PDF with the link below. Keep this email: the link is yours, and works for as long as the certificate is valid.",
  );
  return simpleEmail(
    cert.holder_email!,
    `Your certificate: ${cert.achievement_title}`,
    paragraphs,
    {
      href: `${baseUrl.replace(/\/$/, "")}/certificates/download/${downloadToken}`,
      text: "Download your certificate",
    },
  );
}

/** Queues the email for a newly issued certificate whose holder has an email address. */
export async function enqueueCertificateEmail(tx: Queryable, cert: Certificate, baseUrl: string) {
  if (!cert.holder_email) return;
  const token = cert.holder_user_id ? undefined : await createDownloadLink(tx, cert.id);
  await enqueueEmail(tx, certificateIssuedEmail(cert, baseUrl, token));
}

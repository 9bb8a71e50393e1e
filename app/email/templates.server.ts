import { ROLE_LABELS } from "~/auth/permissions";
import type { Role } from "~/db/schema";
import type { OutgoingEmail } from "./outbox.server";

// Plain, short emails: what happened, what to do, the link. Every capability adds its templates here.
function escapeHtml(s: string) {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

export function simpleEmail(
  to: string,
  subject: string,
  paragraphs: string[],
  link?: { href: string; text: string },
): OutgoingEmail {
  const text = [
    ...paragraphs,
    ...(link ? [`${link.text}: ${link.href}`] : []),
    "",
    "Lantern — SOS+ and Momentum",
  ].join("\n\n");
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : "",
    `<p style="color:#505a5f">Lantern — SOS+ and Momentum</p>`,
  ].join("\n");
  return { to, subject, text, html };
}

export function invitationEmail(p: {
  to: string;
  link: string;
  organisationName: string;
  role: Role;
  inviterName: string;
}) {
  return simpleEmail(
    p.to,
    `You have been invited to Lantern`,
    [
      `${p.inviterName} has invited you to join Lantern as ${ROLE_LABELS[p.role].toLowerCase()} for ${p.organisationName}.`,
      `Use the link below to set your name and password. The link works for 7 days.`,
      `If you were not expecting this, you can ignore this email.`,
    ],
    { href: p.link, text: "Accept the invitation" },
  );
}

export function passwordResetEmail(p: { to: string; link: string }) {
  return simpleEmail(
    p.to,
    "Reset your Lantern password",
    [
      "Someone asked to reset the password for this Lantern account.",
      "Use the link below to choose a new password. It works once, for 1 hour.",
      "If it was not you, you can ignore this email: your password has not changed.",
    ],
    { href: p.link, text: "Choose a new password" },
  );
}

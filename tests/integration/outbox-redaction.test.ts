import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { decodeQuotedPrintable, startSmtpServer } from "../support/smtp";
import { PASSWORD } from "../support/password";

// Finding 9 of issue 11: sent emails kept working reset, invitation, cancel and certificate links in
// clear for 12 months, and any lead could open another person's reset link from /admin/outbox/:id.
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const EMAIL = "redacted-learner@example.org";

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const partner = await insertOrganisation(getDb(), {
    kind: "delivery_partner",
    name: "Outbox Partner",
  });
  const org = await insertOrganisation(getDb(), { kind: "vcse", name: "Outbox Harbour" });
  await insertUser(getDb(), {
    email: "outbox-lead@example.org",
    name: "Olly Lead",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead" }],
  });
  await insertUser(getDb(), {
    email: EMAIL,
    name: "Reda Cted",
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "learner" }],
  });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

describe("token-bearing emails in the outbox", () => {
  it("delivers the working link, then keeps the email with the link removed, and shows a lead only that", async () => {
    await new Client(server.url).post("/forgot-password", { email: EMAIL });
    const { getDb } = await import("~/db/db.server");
    const { deliverDue } = await import("~/email/outbox.server");
    const pending = await getDb()
      .selectFrom("outbox")
      .select(["id", "text_body"])
      .where("to_address", "=", EMAIL)
      .executeTakeFirstOrThrow();
    const token = /\/reset-password\/([a-z2-7]{32})/.exec(pending.text_body)![1];

    // A lead cannot read the link, even before it is sent, once a mail server is configured.
    const lead = new Client(server.url);
    await lead.signIn("outbox-lead@example.org", PASSWORD);
    expect(await lead.get(`/admin/outbox/${pending.id}`).then((r) => r.text())).not.toContain(
      token,
    );

    await deliverDue(getDb());
    // The recipient got the working link…
    expect(decodeQuotedPrintable(smtp.received.map((m) => m.raw).join("\n"))).toContain(token);
    // …and the stored copy no longer holds it.
    const sent = await getDb()
      .selectFrom("outbox")
      .selectAll()
      .where("id", "=", pending.id)
      .executeTakeFirstOrThrow();
    expect(sent.status).toBe("sent");
    expect(sent.text_body).not.toContain(token);
    expect(sent.html_body ?? "").not.toContain(token);
    expect(sent.text_body).toContain("link removed once sent");
    const page = textOf(await lead.get(`/admin/outbox/${pending.id}`).then((r) => r.text()));
    expect(page).not.toContain(token);
    expect(page).toContain("link removed once sent");
  });
});

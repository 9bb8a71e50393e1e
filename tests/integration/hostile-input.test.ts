import fc from "fast-check";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHOTP } from "@oslojs/otp";
import { PrivacyEraseSchema, PrivacyExportSchema, PrivacyPageSchema } from "~/privacy/schemas";
import {
  AccountActionSchema,
  AcceptInvitationSchema,
  ChangePasswordSchema,
  FirstLeadSchema,
  ForgotPasswordSchema,
  NewPasswordSchema,
  SignInSchema,
  TwoFactorSchema,
  TwoFactorSetupSchema,
} from "~/auth/schemas";
import { assertSurvivesHostileInput, type HostileReport } from "../support/hostile";
import { Client, startTestServer, type TestServer } from "../support/server";

// Every foundation form action under ≥200 hostile bodies each (tests/support/hostile.ts).
let server: TestServer;
const RUNS = 200;
const PASSWORD = "lantern-demo-2026";
const reports: Record<string, HostileReport> = {};

const demoEmails = fc.constantFrom(
  "lead@example.org",
  "learner@example.org",
  "trainer@example.org",
  "nobody@example.org",
);
const passwords = fc.constantFrom(PASSWORD, "kestrel lantern marsh pebble", "short");
const sixDigits = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, "0"));

beforeAll(async () => {
  server = await startTestServer({ REQUIRE_TWO_FACTOR: "true" });
});

afterAll(async () => {
  await server?.close();
  // The figures for the report: how many bodies were refused and accepted, and the answers seen.
  console.log(JSON.stringify(reports, null, 1));
});

async function db() {
  const { getDb } = await import("~/db/db.server");
  return getDb();
}

async function signedIn(email: string) {
  await (await db()).deleteFrom("auth_throttle").execute();
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

describe("hostile input on the foundation's forms", () => {
  it("/setup on an empty database: refuses every malformed body, stores nothing from it", async () => {
    const anon = new Client(server.url);
    reports.setup = await assertSurvivesHostileInput({
      client: () => anon,
      path: "/setup",
      schema: FirstLeadSchema,
      fields: [
        { name: "organisationName", valid: fc.constantFrom("St Giles Trust", "Momentum") },
        { name: "name", valid: fc.constantFrom("Priya Shah", "Ann O'Neil") },
        { name: "email", valid: demoEmails },
        { name: "password", valid: passwords },
      ],
      numRuns: RUNS,
      // A well-formed body may create the first lead; start empty again so the page stays open.
      afterValid: async () => {
        const d = await db();
        await d.deleteFrom("memberships").execute();
        await d.deleteFrom("users").execute();
        await d.deleteFrom("organisations").execute();
      },
    });
    expect(reports.setup.refused).toBeGreaterThan(RUNS / 2);
  });

  it("seeds the demo data for the rest", async () => {
    const { seedDemo } = await import("~/seed/seed.server");
    await seedDemo(await db());
  });

  it("/sign-in", async () => {
    reports.signIn = await assertSurvivesHostileInput({
      // A fresh browser each time: a signed-in one is sent on from the sign-in page whatever it posts.
      client: () => new Client(server.url),
      path: "/sign-in",
      schema: SignInSchema,
      fields: [
        { name: "email", valid: demoEmails },
        { name: "password", valid: passwords },
        {
          name: "redirectTo",
          valid: fc.constantFrom("/", "//evil.example", "https://evil.example/", "/account"),
        },
      ],
      numRuns: RUNS,
      volatileTables: ["sessions"],
      afterValid: async (res) => {
        // A correct sign-in never sends anyone off-site.
        const to = res.headers.get("location");
        if (to) expect(to.startsWith("/") && !to.startsWith("//")).toBe(true);
      },
    });
  });

  it("/forgot-password", async () => {
    await (await db()).deleteFrom("auth_throttle").execute();
    const anon = new Client(server.url);
    reports.forgotPassword = await assertSurvivesHostileInput({
      client: () => anon,
      path: "/forgot-password",
      schema: ForgotPasswordSchema,
      fields: [{ name: "email", valid: demoEmails }],
      numRuns: RUNS,
    });
  });

  it("/reset-password/:token with a live token", async () => {
    const d = await db();
    const { requestPasswordReset } = await import("~/auth/accounts.server");
    await requestPasswordReset(d, {
      email: "author@example.org",
      baseUrl: server.url,
      ip: "127.0.0.1",
    });
    const mail = await d
      .selectFrom("outbox")
      .select("text_body")
      .where("to_address", "=", "author@example.org")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const path = /\/reset-password\/[a-z2-7]{32}/.exec(mail.text_body)![0];
    const anon = new Client(server.url);
    reports.resetPassword = await assertSurvivesHostileInput({
      client: () => anon,
      path,
      schema: NewPasswordSchema,
      fields: [{ name: "password", valid: passwords }],
      numRuns: RUNS,
    });
  });

  it("/invitations/:token with a live invitation", async () => {
    const d = await db();
    const { createInvitation } = await import("~/auth/accounts.server");
    const org = await d
      .selectFrom("organisations")
      .select("id")
      .where("name", "=", "Norwich Youth Harbour")
      .executeTakeFirstOrThrow();
    const lead = await d
      .selectFrom("users")
      .select("id")
      .where("email", "=", "lead@example.org")
      .executeTakeFirstOrThrow();
    const { link } = await createInvitation(d, {
      email: "invitee@example.org",
      organisationId: org.id,
      role: "learner",
      invitedBy: lead.id,
      baseUrl: server.url,
    });
    reports.invitation = await assertSurvivesHostileInput({
      client: () => new Client(server.url),
      path: new URL(link).pathname,
      schema: AcceptInvitationSchema,
      fields: [
        { name: "name", valid: fc.constantFrom("New Person", "<b>Bold</b>") },
        { name: "password", valid: passwords },
      ],
      numRuns: RUNS,
      volatileTables: ["sessions"],
    });
  });

  it("/account", async () => {
    let c = await signedIn("learner@example.org");
    reports.account = await assertSurvivesHostileInput({
      // "Sign out everywhere" is a valid body: sign in again when it has happened.
      client: async () =>
        [...c.cookies.keys()].some((k) => k.endsWith("lantern_session"))
          ? c
          : (c = await signedIn("learner@example.org")),
      path: "/account",
      schema: AccountActionSchema,
      fields: [
        {
          name: "intent",
          valid: fc.constantFrom(
            "sign-out-everywhere",
            "new-recovery-codes",
            "turn-off-two-factor",
          ),
        },
        { name: "code", valid: sixDigits },
      ],
      numRuns: RUNS,
      volatileTables: ["sessions"],
    });
  });

  it("/account/password", async () => {
    const c = await signedIn("learner@example.org");
    reports.changePassword = await assertSurvivesHostileInput({
      client: () => c,
      path: "/account/password",
      schema: ChangePasswordSchema,
      // Never the right current password: the account is used by the other runs here.
      fields: [
        { name: "current", valid: fc.constantFrom("not the learner's password", "") },
        { name: "password", valid: passwords },
      ],
      numRuns: RUNS,
    });
  });

  it("/two-factor (second step of sign-in)", async () => {
    const d = await db();
    const { encryptSecret } = await import("~/auth/secrets.server");
    const lead = await d
      .selectFrom("users")
      .select("id")
      .where("email", "=", "lead@example.org")
      .executeTakeFirstOrThrow();
    const key = new Uint8Array(20).fill(7);
    await d
      .updateTable("users")
      .set({ totp_key: encryptSecret(key, lead.id), totp_enabled_at: new Date().toISOString() })
      .where("id", "=", lead.id)
      .execute();
    const c = await signedIn("lead@example.org");
    reports.twoFactor = await assertSurvivesHostileInput({
      client: () => c,
      path: "/two-factor",
      schema: TwoFactorSchema,
      fields: [
        { name: "code", valid: sixDigits },
        { name: "redirectTo", valid: fc.constant("/") },
      ],
      numRuns: RUNS,
    });
  });

  it("/two-factor/set-up", async () => {
    const c = await signedIn("trainer@example.org");
    expect((await c.get("/two-factor/set-up")).status).toBe(200);
    reports.twoFactorSetUp = await assertSurvivesHostileInput({
      client: () => c,
      path: "/two-factor/set-up",
      schema: TwoFactorSetupSchema,
      fields: [
        { name: "code", valid: sixDigits },
        { name: "redirectTo", valid: fc.constant("/") },
      ],
      numRuns: RUNS,
    });
  });

  it("/two-factor/recovery-codes", async () => {
    const c = await signedIn("learner@example.org");
    reports.recoveryCodes = await assertSurvivesHostileInput({
      client: () => c,
      path: "/two-factor/recovery-codes",
      schema: z.object({}).strict(),
      fields: [],
      numRuns: RUNS,
    });
  });

  describe("the data-protection forms (a programme lead, past the second step)", () => {
    let leadClient: Client;
    beforeAll(async () => {
      const d = await db();
      await d.deleteFrom("auth_throttle").execute();
      leadClient = await signedIn("lead@example.org");
      const step = Math.floor(Date.now() / 30_000) + 1;
      const res = await leadClient.post("/two-factor", {
        code: generateHOTP(new Uint8Array(20).fill(7), BigInt(step), 6),
      });
      expect(res.status).toBe(302);
    });

    it("/admin/privacy", async () => {
      reports.privacy = await assertSurvivesHostileInput({
        client: () => leadClient,
        path: "/admin/privacy",
        schema: PrivacyPageSchema,
        fields: [
          { name: "intent", valid: fc.constantFrom("find", "set-retention", "run-retention") },
          { name: "email", valid: demoEmails },
          { name: "months", valid: fc.integer({ min: -5, max: 200 }).map(String) },
        ],
        numRuns: RUNS,
      });
    });

    it("/admin/privacy/export", async () => {
      reports.privacyExport = await assertSurvivesHostileInput({
        client: () => leadClient,
        path: "/admin/privacy/export",
        schema: PrivacyExportSchema,
        fields: [{ name: "email", valid: demoEmails }],
        numRuns: RUNS,
      });
    });

    it("/admin/privacy/erase", async () => {
      reports.privacyErase = await assertSurvivesHostileInput({
        client: () => leadClient,
        path: "/admin/privacy/erase",
        schema: PrivacyEraseSchema,
        fields: [
          { name: "intent", valid: fc.constantFrom("review", "erase") },
          {
            name: "email",
            valid: fc.constantFrom("nobody@example.org", "lead@example.org", "someone@example.org"),
          },
          { name: "confirm", valid: fc.constantFrom("yes", "no") },
        ],
        numRuns: RUNS,
      });
    });
  });
});

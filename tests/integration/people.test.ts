import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

let server: TestServer;
const ids: Record<string, string> = {};
let lead: Client;
let manager: Client;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const db = getDb();
  ids.partner = await insertOrganisation(db, { kind: "delivery_partner", name: "St Giles Trust" });
  ids.harbour = await insertOrganisation(db, {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: "E07000148",
  });
  ids.other = await insertOrganisation(db, {
    kind: "vcse",
    name: "Lynn Street Pastors",
    districtId: "E07000146",
  });
  ids.lead = await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: ids.partner, role: "programme_lead" }],
  });
  ids.manager = await insertUser(db, {
    email: "manager@example.org",
    name: "Tom Reeve",
    password: PASSWORD,
    memberships: [{ organisationId: ids.harbour, role: "organisation_manager" }],
  });
  ids.learner = await insertUser(db, {
    email: "learner@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: ids.harbour, role: "learner" }],
  });
  ids.outsider = await insertUser(db, {
    email: "pastor@example.org",
    name: "Grace Pastor",
    password: PASSWORD,
    memberships: [{ organisationId: ids.other, role: "learner" }],
  });
  ids.trainer = await insertUser(db, {
    email: "trainer@example.org",
    name: "Dan Okafor",
    password: PASSWORD,
    memberships: [{ organisationId: ids.partner, role: "trainer" }],
  });
  lead = new Client(server.url);
  await lead.signIn("lead@example.org", PASSWORD);
  manager = new Client(server.url);
  await manager.signIn("manager@example.org", PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

async function db() {
  return (await import("~/db/db.server")).getDb();
}

async function auditCount(action: string, subjectId?: string) {
  let q = (await db())
    .selectFrom("audit_log")
    .select(({ fn }) => fn.countAll<number>().as("n"))
    .where("action", "=", action);
  if (subjectId) q = q.where("subject_id", "=", subjectId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe("who sees whom", () => {
  it("shows a lead everyone, and a manager only the people of their own organisation", async () => {
    const all = textOf(await (await lead.get("/admin/people")).text());
    for (const name of ["Priya Shah", "Tom Reeve", "Aisha Begum", "Grace Pastor", "Dan Okafor"])
      expect(all).toContain(name);
    const own = textOf(await (await manager.get("/admin/people")).text());
    expect(own).toContain("Aisha Begum");
    expect(own).toContain("Tom Reeve");
    expect(own).not.toContain("Grace Pastor");
    expect(own).not.toContain("Dan Okafor");
    expect(own).not.toContain("Priya Shah");
  });

  it("answers 404 when a manager opens a person from another organisation by id", async () => {
    expect((await manager.get(`/admin/people/${ids.learner}`)).status).toBe(200);
    expect((await manager.get(`/admin/people/${ids.outsider}`)).status).toBe(404);
    expect((await lead.get(`/admin/people/${ids.outsider}`)).status).toBe(200);
  });

  it("gives a learner and a trainer 403 on every admin page", async () => {
    const learner = new Client(server.url);
    await learner.signIn("learner@example.org", PASSWORD);
    const trainer = new Client(server.url);
    await trainer.signIn("trainer@example.org", PASSWORD);
    for (const c of [learner, trainer]) {
      for (const path of [
        "/admin/people",
        "/admin/people/invite",
        "/admin/people/invitations",
        `/admin/people/${ids.learner}`,
        "/admin/organisations",
        "/admin/organisations/import",
        "/admin/audit",
        "/admin/outbox",
      ]) {
        expect((await c.get(path)).status, path).toBe(403);
      }
      const post = await c.post("/admin/people/invite", {
        email: "x@example.org",
        organisationId: ids.harbour,
        role: "learner",
      });
      expect(post.status).toBe(403);
    }
    expect(
      await (
        await db()
      )
        .selectFrom("invitations")
        .select("id")
        .where("email", "=", "x@example.org")
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it("gives a manager 403 on the audit log and on lead-only person actions", async () => {
    expect((await manager.get("/admin/audit")).status).toBe(403);
    expect((await manager.post(`/admin/people/${ids.learner}`, { intent: "disable" })).status).toBe(
      403,
    );
    const row = await (
      await db()
    )
      .selectFrom("users")
      .select("disabled_at")
      .where("id", "=", ids.learner)
      .executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeNull();
  });
});

describe("invitations and their limits", () => {
  it("lets a manager invite a learner to their own organisation", async () => {
    const res = await manager.post("/admin/people/invite", {
      email: "volunteer@example.org",
      organisationId: ids.harbour,
      role: "learner",
    });
    expect(res.status).toBe(302);
    const inv = await (
      await db()
    )
      .selectFrom("invitations")
      .selectAll()
      .where("email", "=", "volunteer@example.org")
      .executeTakeFirstOrThrow();
    expect(inv).toMatchObject({
      organisation_id: ids.harbour,
      role: "learner",
      invited_by: ids.manager,
    });
    const mail = await (
      await db()
    )
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "volunteer@example.org")
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toMatch(/\/invitations\/[a-z2-7]{32}/);
  });

  it("refuses a manager inviting into another organisation (403), and nothing is written", async () => {
    const res = await manager.post("/admin/people/invite", {
      email: "sneaky@example.org",
      organisationId: ids.other,
      role: "learner",
    });
    expect(res.status).toBe(403);
    expect(
      await (
        await db()
      )
        .selectFrom("invitations")
        .select("id")
        .where("email", "=", "sneaky@example.org")
        .executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await (
        await db()
      )
        .selectFrom("outbox")
        .select("id")
        .where("to_address", "=", "sneaky@example.org")
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it("refuses a manager inviting someone as programme lead or trainer, even into their own organisation", async () => {
    for (const role of ["programme_lead", "trainer", "content_author"]) {
      const res = await manager.post("/admin/people/invite", {
        email: `climber-${role}@example.org`,
        organisationId: ids.harbour,
        role,
      });
      expect(res.status, role).toBe(403);
    }
    expect(
      await (
        await db()
      )
        .selectFrom("invitations")
        .select("id")
        .where("email", "like", "climber-%")
        .executeTakeFirst(),
    ).toBeUndefined();
    // The form offers only the two roles a manager may give.
    const page = textOf(await (await manager.get("/admin/people/invite")).text());
    expect(page).toContain("Learner");
    expect(page).toContain("Organisation manager");
    expect(page).not.toContain("Programme lead");
  });

  it("lets a lead invite anyone anywhere, shows it as waiting, resends with a new link and withdraws it", async () => {
    const res = await lead.post("/admin/people/invite", {
      email: "NewLead@Example.org",
      organisationId: ids.partner,
      role: "programme_lead",
    });
    expect(res.status).toBe(302);
    const d = await db();
    const inv = await d
      .selectFrom("invitations")
      .selectAll()
      .where("email", "=", "newlead@example.org")
      .executeTakeFirstOrThrow();
    expect(await auditCount("invitation.sent", inv.id)).toBe(1);
    const list = textOf(await (await lead.get("/admin/people/invitations")).text());
    expect(list).toContain("newlead@example.org");
    // The manager's list does not show invitations to other organisations.
    expect(textOf(await (await manager.get("/admin/people/invitations")).text())).not.toContain(
      "newlead@example.org",
    );
    // Nor can the manager resend or withdraw them.
    expect(
      (await manager.post("/admin/people/invitations", { intent: "revoke", invitationId: inv.id }))
        .status,
    ).toBe(404);

    const firstMail = await d
      .selectFrom("outbox")
      .select("text_body")
      .where("to_address", "=", "newlead@example.org")
      .executeTakeFirstOrThrow();
    const firstLink = /\/invitations\/[a-z2-7]{32}/.exec(firstMail.text_body)![0];
    expect(
      (await lead.post("/admin/people/invitations", { intent: "resend", invitationId: inv.id }))
        .status,
    ).toBe(302);
    const mails = await d
      .selectFrom("outbox")
      .select("text_body")
      .where("to_address", "=", "newlead@example.org")
      .orderBy("created_at")
      .execute();
    expect(mails).toHaveLength(2);
    const secondLink = /\/invitations\/[a-z2-7]{32}/.exec(mails[1].text_body)![0];
    expect(secondLink).not.toBe(firstLink);
    expect(textOf(await (await new Client(server.url).get(firstLink)).text())).toContain(
      "expired or has already been used",
    );
    expect(textOf(await (await new Client(server.url).get(secondLink)).text())).toContain(
      "Join Lantern",
    );

    expect(
      (await lead.post("/admin/people/invitations", { intent: "revoke", invitationId: inv.id }))
        .status,
    ).toBe(302);
    expect(textOf(await (await new Client(server.url).get(secondLink)).text())).toContain(
      "expired or has already been used",
    );
    expect(await auditCount("invitation.revoked", inv.id)).toBe(1);
  });

  it("says so when the person already has that role there", async () => {
    const res = await lead.post("/admin/people/invite", {
      email: "learner@example.org",
      organisationId: ids.harbour,
      role: "learner",
    });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("already has that role at Norwich Youth Harbour");
  });
});

describe("roles, clearance and accounts (leads)", () => {
  it("adds a role, changes it, clears for safeguarding and removes it, auditing each", async () => {
    const add = await lead.post(`/admin/people/${ids.trainer}`, {
      intent: "add-role",
      organisationId: ids.harbour,
      role: "learner",
    });
    expect(add.status).toBe(302);
    const d = await db();
    const m = await d
      .selectFrom("memberships")
      .selectAll()
      .where("user_id", "=", ids.trainer)
      .where("organisation_id", "=", ids.harbour)
      .executeTakeFirstOrThrow();
    expect(await auditCount("membership.added", ids.trainer)).toBe(1);

    expect(
      (
        await lead.post(`/admin/people/${ids.trainer}/memberships/${m.id}`, {
          intent: "change-role",
          role: "organisation_manager",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await d
          .selectFrom("memberships")
          .select("role")
          .where("id", "=", m.id)
          .executeTakeFirstOrThrow()
      ).role,
    ).toBe("organisation_manager");
    const changed = await d
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "membership.role_changed")
      .where("subject_id", "=", ids.trainer)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(changed.detail!)).toMatchObject({
      from: "learner",
      to: "organisation_manager",
    });

    expect(
      (
        await lead.post(`/admin/people/${ids.trainer}/memberships/${m.id}`, {
          intent: "clearance",
          cleared: "yes",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await d
          .selectFrom("memberships")
          .select("safeguarding_cleared")
          .where("id", "=", m.id)
          .executeTakeFirstOrThrow()
      ).safeguarding_cleared,
    ).toBe(1);

    expect(
      (await lead.post(`/admin/people/${ids.trainer}/memberships/${m.id}`, { intent: "remove" }))
        .status,
    ).toBe(302);
    expect(
      await d.selectFrom("memberships").select("id").where("id", "=", m.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(await auditCount("membership.removed", ids.trainer)).toBe(1);
  });

  it("disables an account, which ends their sessions at once and stops sign-in; enabling lets them back", async () => {
    const learner = new Client(server.url);
    await learner.signIn("pastor@example.org", PASSWORD);
    expect((await learner.get("/account")).status).toBe(200);
    expect((await lead.post(`/admin/people/${ids.outsider}`, { intent: "disable" })).status).toBe(
      302,
    );
    const d = await db();
    expect(
      await d
        .selectFrom("sessions")
        .select("id")
        .where("user_id", "=", ids.outsider)
        .executeTakeFirst(),
    ).toBeUndefined();
    const after = await learner.get("/account");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/sign-in/);
    expect(
      (
        await new Client(server.url).post("/sign-in", {
          email: "pastor@example.org",
          password: PASSWORD,
        })
      ).status,
    ).toBe(400);
    expect(await auditCount("user.disabled", ids.outsider)).toBe(1);

    expect((await lead.post(`/admin/people/${ids.outsider}`, { intent: "enable" })).status).toBe(
      302,
    );
    await new Client(server.url).signIn("pastor@example.org", PASSWORD);
    expect(await auditCount("user.enabled", ids.outsider)).toBe(1);
  });

  it("will not let a lead disable themselves", async () => {
    const res = await lead.post(`/admin/people/${ids.lead}`, { intent: "disable" });
    expect(res.status).toBe(409);
    const row = await (
      await db()
    )
      .selectFrom("users")
      .select("disabled_at")
      .where("id", "=", ids.lead)
      .executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeNull();
  });
});

describe("audit log page", () => {
  it("lists entries newest first, filters by action and pages", async () => {
    const html = await (await lead.get("/admin/audit")).text();
    expect(textOf(html)).toContain("Audit log");
    // The table's rows, not the filter's options.
    const page = textOf(html.slice(html.indexOf("<tbody")));
    const first = page.indexOf("Priya Shah re-enabled the account of Grace Pastor");
    const earlier = page.indexOf("Priya Shah disabled the account of Grace Pastor");
    expect(first).toBeGreaterThan(-1);
    expect(earlier).toBeGreaterThan(first);
    const filteredHtml = await (await lead.get("/admin/audit?action=user.disabled")).text();
    const filtered = textOf(filteredHtml.slice(filteredHtml.indexOf("<tbody")));
    expect(filtered).toContain("disabled the account of Grace Pastor");
    expect(filtered).not.toContain("re-enabled");
    expect(filtered).not.toContain("signed in");
    // Enough sign-ins for a second page.
    for (let i = 0; i < 50; i++)
      await new Client(server.url).signIn("trainer@example.org", PASSWORD);
    const p1 = await (await lead.get("/admin/audit?action=auth.sign_in")).text();
    expect(textOf(p1)).toContain("Entries 1 to 50");
    expect(p1).toContain("Older entries");
    const p2 = textOf(await (await lead.get("/admin/audit?action=auth.sign_in&page=2")).text());
    expect(p2).toMatch(/Entries 51 to \d+/);
  });
});

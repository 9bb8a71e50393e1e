import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 15, item 4: the audit row is written by the capability, in the transaction of the change
// it records, never by the route — so a script calling the capability cannot skip it. Each case
// makes the change (through the app where the route is the way people make it, directly where a
// script would) and reads this person's or this thing's own audit rows.

let server: TestServer;
let trainerId: string;
let leadId: string;
const TRAINER = "audit-trainer@example.org";
const LEAD = "audit-lead@example.org";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const orgId = await insertOrganisation(getDb(), {
    kind: "delivery_partner",
    name: "Audit Partner",
  });
  trainerId = await insertUser(getDb(), {
    email: TRAINER,
    name: "Audrey Trainer",
    password: PASSWORD,
    memberships: [{ organisationId: orgId, role: "trainer" }],
  });
  leadId = await insertUser(getDb(), {
    email: LEAD,
    name: "Lee Lead",
    password: PASSWORD,
    memberships: [{ organisationId: orgId, role: "programme_lead" }],
  });
});

afterAll(async () => {
  await server?.close();
});

async function auditOf(filter: { actor?: string | null; subject?: string }) {
  const { getDb } = await import("~/db/db.server");
  let q = getDb()
    .selectFrom("audit_log")
    .select(["action", "actor_user_id", "subject_id", "detail", "ip"])
    .orderBy("at");
  if (filter.actor !== undefined)
    q =
      filter.actor === null
        ? q.where("actor_user_id", "is", null)
        : q.where("actor_user_id", "=", filter.actor);
  if (filter.subject) q = q.where("subject_id", "=", filter.subject);
  return q.execute();
}

describe("the capability writes the audit row of the change it makes", () => {
  it("signing out, and signing out everywhere", async () => {
    const c = new Client(server.url);
    await c.signIn(TRAINER, PASSWORD);
    await c.post("/sign-out", {});
    const d = new Client(server.url);
    await d.signIn(TRAINER, PASSWORD);
    await d.post("/account", { intent: "sign-out-everywhere" });
    const actions = (await auditOf({ actor: trainerId })).map((r) => r.action);
    expect(actions.filter((a) => a === "auth.sign_out")).toHaveLength(1);
    expect(actions.filter((a) => a === "auth.sign_out_everywhere")).toHaveLength(1);
  });

  it("making and stopping a calendar feed, from the page and from a script", async () => {
    const c = new Client(server.url);
    await c.signIn(TRAINER, PASSWORD);
    await c.post("/sessions/calendar-feed", { intent: "reset" });
    await c.post("/sessions/calendar-feed", { intent: "stop" });
    const { getDb } = await import("~/db/db.server");
    const { resetFeedToken, stopFeed } = await import("~/sessions/feeds.server");
    await resetFeedToken(getDb(), trainerId);
    await stopFeed(getDb(), trainerId);
    const rows = (await auditOf({ actor: trainerId })).filter((r) =>
      r.action.startsWith("calendar_feed."),
    );
    expect(rows.map((r) => r.action)).toEqual([
      "calendar_feed.reset",
      "calendar_feed.stopped",
      "calendar_feed.reset",
      "calendar_feed.stopped",
    ]);
    // The page's changes carry the address they came from; the script's have none.
    expect(rows.map((r) => r.ip !== null)).toEqual([true, true, false, false]);
  });

  it("adding, changing and removing a help contact; a change that fails records nothing", async () => {
    const { getDb } = await import("~/db/db.server");
    const { addHelpContact, updateHelpContact, deleteHelpContact } =
      await import("~/learning/help.server");
    const input = {
      name: "Audit Helpline",
      description: "For questions about the audit",
      phone: null,
      url: null,
    };
    const id = await addHelpContact(getDb(), leadId, input);
    await updateHelpContact(getDb(), leadId, id, { ...input, name: "Audit Helpline 2" });
    await deleteHelpContact(getDb(), leadId, id);
    const rows = await auditOf({ subject: id });
    expect(rows.map((r) => [r.action, r.actor_user_id])).toEqual([
      ["learning.help_contact_added", leadId],
      ["learning.help_contact_changed", leadId],
      ["learning.help_contact_removed", leadId],
    ]);
    expect(JSON.parse(rows[1].detail!)).toEqual({ name: "Audit Helpline 2" });
    // The contact is gone: changing it is refused, and the refused change leaves no audit row.
    await expect(updateHelpContact(getDb(), leadId, id, input)).rejects.toThrow(
      "We could not find that contact.",
    );
    expect(await auditOf({ subject: id })).toHaveLength(3);
  });

  it("changing a trainer's compliance dates records who did it and to what", async () => {
    const { getDb } = await import("~/db/db.server");
    const { updateCompliance } = await import("~/sessions/scheduling.server");
    const { londonToday } = await import("~/utils/dates");
    const dates = {
      dbsCheckedOn: londonToday(),
      dbsExpiresOn: null,
      safeguardingTrainedOn: londonToday(),
      safeguardingExpiresOn: null,
    };
    await updateCompliance(getDb(), trainerId, dates, { actorUserId: leadId, ip: "192.0.2.7" });
    const rows = (await auditOf({ subject: trainerId })).filter(
      (r) => r.action === "trainer.compliance_updated",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_user_id).toBe(leadId);
    expect(rows[0].ip).toBe("192.0.2.7");
    expect(JSON.parse(rows[0].detail!)).toEqual(dates);
  });

  it("exporting a casework table", async () => {
    const { getDb } = await import("~/db/db.server");
    const { caseworkTableCsv } = await import("~/casework/reports.server");
    const url = new URL("http://localhost/reports/casework");
    const unknown = await caseworkTableCsv(getDb(), url, "no-such-table", {
      actorUserId: leadId,
      ip: null,
    });
    expect(unknown).toBeNull();
    const res = await caseworkTableCsv(getDb(), url, "casework-referrals", {
      actorUserId: leadId,
      ip: null,
    });
    expect(res?.status).toBe(200);
    const rows = (await auditOf({ actor: leadId })).filter(
      (r) => r.action === "casework.report_exported",
    );
    expect(rows.map((r) => r.subject_id)).toEqual(["casework-referrals"]);
  });
});

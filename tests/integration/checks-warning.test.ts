import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { dayMonthYearText, londonDay } from "../support/time";

// The scheduling queue warns a lead about trainers whose checks need attention before they are
// needed (issue 16 made the database choose them, rather than the page reading every trainer):
// a lapsed check, one running out within the warning period, and a trainer with nothing recorded
// are named with what is wrong; a trainer whose checks are current, or whose account is disabled,
// is not.

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
  const { db, users } = world;
  const { insertUser } = await import("~/seed/foundation.server");
  const { updateCompliance } = await import("~/sessions/scheduling.server");
  const partner = (
    await db
      .selectFrom("memberships")
      .select("organisation_id")
      .where("user_id", "=", users.dan)
      .executeTakeFirstOrThrow()
  ).organisation_id;
  const current = {
    dbsCheckedOn: londonDay(-700),
    dbsExpiresOn: londonDay(900),
    safeguardingTrainedOn: londonDay(-700),
    safeguardingExpiresOn: londonDay(900),
  };
  const bySetup = { actorUserId: null, ip: null };
  const trainer = (email: string, name: string) =>
    insertUser(db, {
      email,
      name,
      password: PASSWORD,
      memberships: [{ organisationId: partner, role: "trainer" }],
    });
  // A DBS running out in 10 days: within the warning period (30 days unless a lead changes it).
  const soon = await trainer("sana@example.org", "Sana Ellis");
  await updateCompliance(db, soon, { ...current, dbsExpiresOn: londonDay(10) }, bySetup);
  // Nothing recorded at all.
  await trainer("ned@example.org", "Ned Newcombe");
  // Lapsed, but the account is disabled: not a trainer anyone can schedule.
  const gone = await trainer("gil@example.org", "Gil Departed");
  await updateCompliance(db, gone, { ...current, dbsExpiresOn: londonDay(-5) }, bySetup);
  await db
    .updateTable("users")
    .set({ disabled_at: new Date().toISOString() })
    .where("id", "=", gone)
    .execute();
});

afterAll(async () => {
  await server?.close();
});

describe("the scheduling queue's warning about trainers' checks", () => {
  it("names each trainer whose checks need attention, with what is wrong, and no one else", async () => {
    const lead = new Client(server.url);
    await lead.signIn("lead@example.org", PASSWORD);
    const page = await (await lead.get("/schedule")).text();
    const start = page.indexOf("govuk-warning-text");
    expect(start).toBeGreaterThan(-1);
    const warning = textOf(page.slice(start, page.indexOf("</div>", start)));
    // By name: Ned, Rob (lapsed safeguarding, from the shared world), Sana.
    expect(warning).toContain("Ned Newcombe");
    expect(warning).toContain("No DBS recorded; no safeguarding training recorded");
    expect(warning).toContain("Rob Whitlock");
    expect(warning).toContain(`Safeguarding training lapsed ${dayMonthYearText(londonDay(-60))}`);
    expect(warning).toContain("Sana Ellis");
    expect(warning).toContain(`DBS runs out ${dayMonthYearText(londonDay(10))}`);
    expect(warning.indexOf("Ned Newcombe")).toBeLessThan(warning.indexOf("Rob Whitlock"));
    expect(warning.indexOf("Rob Whitlock")).toBeLessThan(warning.indexOf("Sana Ellis"));
    for (const name of ["Dan Okafor", "Megan Hollis", "Gil Departed"])
      expect(warning).not.toContain(name);
    expect(warning).not.toContain("more trainers");
  });
});

import { dateFields } from "~/utils/date-input";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { londonDay, weekdayFromToday } from "../support/time";
import { londonToUtc } from "~/utils/dates";

// Issue 17, item 4, through the real handler: before choosing, a lead asks who is free at the time
// entered on the scheduling form (a button, so it works without JavaScript). A trainer booked
// elsewhere then and a trainer whose safeguarding training has lapsed are not listed as free; the
// free ones come nearest the venue's district first, by the district each is based in.

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;
let requestId: string;
const DAY = weekdayFromToday(14);
let districts: Record<string, string>;

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

/** The free trainers' names in the order the page lists them, and the text of those not free. */
function listed(html: string) {
  const table = html.slice(html.indexOf('id="who-is-free"'));
  const body = table.slice(0, table.indexOf("</table>"));
  const free = [...body.matchAll(/<th scope="row"[^>]*>([^<]+)<\/th>/g)].map((m) => m[1]);
  const rest = table.slice(table.indexOf("</table>"));
  const notFree = textOf(rest.slice(0, rest.indexOf("</details>") + 10));
  return { free, notFree };
}

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
  const { db, users } = world;
  const { insertUser } = await import("~/seed/foundation.server");
  const { updateCompliance } = await import("~/sessions/scheduling.server");
  const { setTrainerBase } = await import("~/sessions/availability.server");
  const f = await import("~/seed/factories/sessions.server");
  districts = {
    norwich: await f.districtIdByCode(db, "E07000148"),
    broadland: await f.districtIdByCode(db, "E07000144"),
    yarmouth: await f.districtIdByCode(db, "E07000145"),
  };
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
  for (const [email, name] of [
    ["nadia@example.org", "Nadia Brook"],
    ["owen@example.org", "Owen Aldous"],
    ["ava@example.org", "Ava Unplaced"],
  ]) {
    const id = await insertUser(db, {
      email,
      name,
      password: PASSWORD,
      memberships: [{ organisationId: partner, role: "trainer" }],
    });
    await updateCompliance(db, id, current, bySetup);
    if (name === "Owen Aldous") await setTrainerBase(db, id, districts.broadland, bySetup);
  }
  // Dan (Norwich, the venue's district) is teaching at Harbour Reach from 15:00 to 16:00 that day.
  await setTrainerBase(db, users.dan, districts.norwich, bySetup);
  await setTrainerBase(db, users.rob, districts.norwich, bySetup);
  await f.insertSession(db, {
    programmeId: world.programme,
    offeringId: world.offerings.workshop,
    startsAt: londonToUtc(DAY, "15:00"),
    durationMinutes: 60,
    settingId: world.schoolB,
    trainerIds: [users.dan],
  });
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const batch = new DeliveryBatch();
  requestId = batch.request({ settingId: world.schoolA, offeringId: world.offerings.twilight });
  await batch.write(db);
});

afterAll(async () => {
  await server?.close();
});

describe("who is free, before choosing trainers", () => {
  it("lets a lead record where a trainer is based", async () => {
    const lead = await signedIn("lead@example.org");
    const nadia = (
      await world.db
        .selectFrom("users")
        .select("id")
        .where("email", "=", "nadia@example.org")
        .executeTakeFirstOrThrow()
    ).id;
    const page = await (await lead.get(`/trainers/${nadia}`)).text();
    expect(textOf(page)).toContain("Where they are based");
    const saved = await lead.post(`/trainers/${nadia}`, {
      dbsCheckedOn: londonDay(-700),
      dbsExpiresOn: londonDay(900),
      safeguardingTrainedOn: londonDay(-700),
      safeguardingExpiresOn: londonDay(900),
      baseDistrictId: districts.norwich,
    });
    expect(saved.status).toBe(302);
    const base = await world.db
      .selectFrom("trainer_bases")
      .select("district_id")
      .where("user_id", "=", nadia)
      .executeTakeFirstOrThrow();
    expect(base.district_id).toBe(districts.norwich);

    // A district not on the list comes back on the form, and nothing is changed.
    const compliance = () =>
      world.db
        .selectFrom("trainer_compliance")
        .selectAll()
        .where("user_id", "=", nadia)
        .executeTakeFirst();
    const before = await compliance();
    const refused = await lead.post(`/trainers/${nadia}`, {
      dbsCheckedOn: londonDay(-600),
      dbsExpiresOn: londonDay(900),
      safeguardingTrainedOn: londonDay(-700),
      safeguardingExpiresOn: londonDay(900),
      baseDistrictId: "no-such-district",
    });
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain("Choose the district from the list");
    expect(await compliance()).toEqual(before);
    const still = await world.db
      .selectFrom("trainer_bases")
      .select("district_id")
      .where("user_id", "=", nadia)
      .executeTakeFirstOrThrow();
    expect(still.district_id).toBe(districts.norwich);
  });

  it("leaves out a trainer booked elsewhere and one whose checks lapse, and lists the rest nearest first", async () => {
    const lead = await signedIn("lead@example.org");
    const res = await lead.post(`/schedule/${requestId}`, {
      ...dateFields("date", DAY),
      time: "15:45",
      durationMinutes: "90",
      venue: "Library",
      room: "",
      intent: "check-free",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const { free, notFree } = listed(html);
    // Nadia is in Norwich like the school; Owen in Broadland next door; Megan has no base.
    expect(free).toEqual(["Nadia Brook", "Owen Aldous", "Ava Unplaced", "Megan Hollis"]);
    expect(notFree).toContain("Dan Okafor");
    expect(notFree).toContain("is already booked");
    expect(notFree).toContain("Rob Whitlock");
    expect(notFree).toContain("safeguarding training");
    expect(textOf(html)).toContain("Same district");
    // The form comes back with what was entered, ready to choose trainers and schedule.
    const typed = dateFields("date", DAY);
    for (const [name, value] of Object.entries(typed))
      expect(html).toMatch(
        new RegExp(`name="${name}"[^>]*value="${value}"|value="${value}"[^>]*name="${name}"`),
      );
    expect(html).toMatch(/name="time"[^>]*value="15:45"|value="15:45"[^>]*name="time"/);
    // Nothing was booked.
    const sessions = await world.db
      .selectFrom("delivery_sessions")
      .select("id")
      .where("booking_request_id", "=", requestId)
      .execute();
    expect(sessions).toHaveLength(0);
  });

  it("lists Dan as free once the time no longer clashes, with the travel time allowed for", async () => {
    const lead = await signedIn("lead@example.org");
    const html = await (
      await lead.post(`/schedule/${requestId}`, {
        ...dateFields("date", DAY),
        time: "09:00",
        durationMinutes: "90",
        venue: "Library",
        intent: "check-free",
      })
    ).text();
    const { free, notFree } = listed(html);
    expect(free.slice(0, 2)).toEqual(["Dan Okafor", "Nadia Brook"]);
    expect(notFree).not.toContain("Dan Okafor");
  });

  it("asks for a date it can read", async () => {
    const lead = await signedIn("lead@example.org");
    const res = await lead.post(`/schedule/${requestId}`, {
      date: "",
      time: "15:45",
      durationMinutes: "90",
      venue: "Library",
      intent: "check-free",
    });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("There is a problem");
  });
});

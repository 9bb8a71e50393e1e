import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateFields } from "~/utils/date-input";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { addDays, londonDay } from "../support/time";

// Issue 15, item 4: a school's booking request is checked by the capability (createPackageRequest),
// not the route — a preferred date must be after today in London, and schools cannot book the
// training meant for voluntary and community organisations, however the form is posted.

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;
let vcseOffering: string;

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
  const { createOffering } = await import("~/sessions/offerings.server");
  vcseOffering = await createOffering(world.db, {
    programmeId: world.programme,
    title: "Exploitation awareness for VCSE staff",
    description: null,
    audience: "vcse_staff",
    format: "twilight_cpd",
    durationMinutes: 90,
    capacity: 30,
    seriesLength: 1,
    seriesIntervalDays: 7,
    questionnaireId: null,
    openToPublic: false,
  });
});

afterAll(async () => {
  await server?.close();
});

async function coordinator() {
  const c = new Client(server.url);
  await c.signIn("coord.a@example.org", PASSWORD);
  return c;
}

async function requestsOfSchoolA() {
  return world.db
    .selectFrom("booking_requests")
    .select("id")
    .where("setting_id", "=", world.schoolA)
    .execute();
}

describe("a school's booking request", () => {
  it("refuses today (in London) as a preferred date, on the field it was typed in", async () => {
    const c = await coordinator();
    const before = (await requestsOfSchoolA()).length;
    const res = await c.post("/bookings/new", {
      offeringIds: world.offerings.twilight,
      ...dateFields("date1", addDays(londonDay(0), 20)),
      ...dateFields("date2", londonDay(0)),
      time2: "15:45",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain("Preferred dates must be in the future");
    // The message belongs to the second date, the one that is today; the first is fine.
    expect(html).toMatch(/href="#f-date2"/);
    expect(await requestsOfSchoolA()).toHaveLength(before);

    const ok = await c.post("/bookings/new", {
      offeringIds: world.offerings.twilight,
      ...dateFields("date1", addDays(londonDay(0), 20)),
      ...dateFields("date2", addDays(londonDay(0), 1)),
      time2: "15:45",
    });
    expect(ok.status).toBe(302);
    expect(await requestsOfSchoolA()).toHaveLength(before + 1);
  });

  it("does not offer or accept VCSE training", async () => {
    const c = await coordinator();
    const page = await (await c.get("/bookings/new")).text();
    expect(page).toContain("Twilight CPD for school staff");
    expect(page).not.toContain("Exploitation awareness for VCSE staff");
    const before = (await requestsOfSchoolA()).length;
    const res = await c.post("/bookings/new", {
      offeringIds: vcseOffering,
      ...dateFields("date1", addDays(londonDay(0), 20)),
    });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain("Choose at least one session to book");
    expect(await requestsOfSchoolA()).toHaveLength(before);
  });
});

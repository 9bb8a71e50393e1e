import { parse } from "csv-parse/sync";
import { dateFields } from "~/utils/date-input";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { weekdayFromToday } from "../support/time";

// A lead creates sessions that are not a school's request, publishes them, and looks after who
// booked: the bookers list with access needs, its CSV, changing one person's booking, and emailing
// everyone booked. Every day is relative to today (decision 063).

let server: TestServer;
let world: Awaited<ReturnType<typeof buildDeliveryWorld>>;
let parents: string;
let online: string;
let privateTraining: string;

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

beforeAll(async () => {
  server = await startTestServer();
  world = await buildDeliveryWorld();
  const { createOffering } = await import("~/sessions/offerings.server");
  const base = {
    programmeId: world.programme,
    description: null,
    questionnaireId: null,
    seriesIntervalDays: 7,
    seriesLength: 1,
  };
  parents = await createOffering(world.db, {
    ...base,
    title: "Keeping your child safe: parents' evening",
    audience: "parents",
    format: "community_session",
    durationMinutes: 90,
    capacity: 40,
    openToPublic: true,
  });
  online = await createOffering(world.db, {
    ...base,
    title: "Online briefing for community groups",
    audience: "vcse_staff",
    format: "online",
    durationMinutes: 60,
    capacity: 100,
    openToPublic: true,
  });
  privateTraining = await createOffering(world.db, {
    ...base,
    title: "Team training for a partner charity",
    audience: "vcse_staff",
    format: "community_session",
    durationMinutes: 120,
    capacity: 20,
    openToPublic: false,
  });
});

afterAll(async () => {
  await server?.close();
});

let dayOffset = 20;
/** Each session on its own weekday evening, so no test's session clashes with another's. */
function form(over: Record<string, string | string[]> = {}) {
  dayOffset += 3;
  return {
    offeringId: parents,
    ...dateFields("date", weekdayFromToday(dayOffset)),
    time: "18:30",
    durationMinutes: "90",
    capacity: "2",
    venue: "Norwich Youth Harbour hall",
    address: "12 Magpie Road, Norwich",
    postcode: "nr3 1jq",
    trainerIds: [world.users.dan],
    publish: "yes",
    ...over,
  };
}

async function create(lead: Client, over: Record<string, string | string[]> = {}) {
  const res = await lead.post("/sessions/new", form(over));
  expect(res.status, await res.clone().text()).toBe(302);
  const id = /^\/sessions\/([^/]+)\/bookers\?created=1$/.exec(
    res.headers.get("location") ?? "",
  )?.[1];
  expect(id).toBeTruthy();
  return id!;
}

async function outboxTo(address: string, sessionTitle: string) {
  return world.db
    .selectFrom("outbox")
    .select(["subject", "text_body"])
    .where("to_address", "=", address)
    .where("subject", "like", `%${sessionTitle}%`)
    .execute();
}

describe("a lead creates and publishes a session", () => {
  it("creates a parents' evening, publishes it with its address and map link, and emails the trainer", async () => {
    const lead = await signedIn("lead@example.org");
    const id = await create(lead, { capacity: "30" });
    const s = await world.db
      .selectFrom("delivery_sessions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(s).toMatchObject({
      is_open: 1,
      capacity: 30,
      venue: "Norwich Youth Harbour hall",
      address: "12 Magpie Road, Norwich",
      postcode: "NR3 1JQ",
      status: "scheduled",
      booking_request_id: null,
    });

    const list = textOf(await (await new Client(server.url).get("/sessions/open")).text());
    expect(list).toContain("Keeping your child safe: parents' evening");
    const page = await (await new Client(server.url).get(`/sessions/open/${id}`)).text();
    expect(textOf(page)).toContain("Norwich Youth Harbour hall, 12 Magpie Road, Norwich, NR3 1JQ");
    expect(page).toContain("https://www.openstreetmap.org/search?query=NR3%201JQ");

    const dan = await world.db
      .selectFrom("outbox")
      .select("subject")
      .where("to_address", "=", "dan@example.org")
      .where("created_at", ">=", s.created_at)
      .execute();
    expect(dan.length).toBeGreaterThan(0);
    const sessions = textOf(await (await lead.get("/sessions")).text());
    expect(sessions).toContain("Create a session");
  });

  it("refuses a trainer whose safeguarding training has lapsed, and saves nothing", async () => {
    const lead = await signedIn("lead@example.org");
    const before = await world.db
      .selectFrom("delivery_sessions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const res = await lead.post("/sessions/new", form({ trainerIds: [world.users.rob] }));
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toMatch(/Rob Whitlock.s safeguarding training lapsed/);
    const after = await world.db
      .selectFrom("delivery_sessions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("explains what is missing: a postcode in person, a joining link online, an offering that is not public", async () => {
    const lead = await signedIn("lead@example.org");
    const noPostcode = await lead.post("/sessions/new", form({ postcode: "" }));
    expect(noPostcode.status).toBe(400);
    expect(textOf(await noPostcode.text())).toContain("Enter the venue's postcode");

    const badPostcode = await lead.post("/sessions/new", form({ postcode: "not a postcode" }));
    expect(badPostcode.status).toBe(400);
    const badText = textOf(await badPostcode.text());
    expect(badText).toContain("Enter a real postcode, like NR2 4SQ");
    // What was typed is kept.
    expect(badText).not.toContain("There is a problem with the service");

    const noLink = await lead.post(
      "/sessions/new",
      form({ offeringId: online, venue: "", address: "", postcode: "" }),
    );
    expect(noLink.status).toBe(400);
    expect(textOf(await noLink.text())).toContain("Enter the joining link for this online session");

    const httpLink = await lead.post(
      "/sessions/new",
      form({
        offeringId: online,
        venue: "",
        postcode: "",
        joiningLink: "http://meet.example.org/x",
      }),
    );
    expect(httpLink.status).toBe(400);
    expect(textOf(await httpLink.text())).toContain("starting https://");

    const notPublic = await lead.post("/sessions/new", form({ offeringId: privateTraining }));
    expect(notPublic.status).toBe(400);
    expect(textOf(await notPublic.text())).toContain("This offering is not open to the public");

    const pupils = await lead.post(
      "/sessions/new",
      form({ offeringId: world.offerings.workshop, publish: [] }),
    );
    expect(pupils.status).toBe(400);
    expect(textOf(await pupils.text())).toContain("Sessions for pupils are booked by their school");
  });

  it("keeps an online session's joining link for people with a place: not on the public page, in their confirmation", async () => {
    const lead = await signedIn("lead@example.org");
    const link = "https://meet.example.org/lantern-briefing-7c1f";
    const id = await create(lead, {
      offeringId: online,
      venue: "",
      address: "",
      postcode: "",
      joiningLink: link,
      capacity: "1",
      durationMinutes: "60",
    });
    const page = await (await new Client(server.url).get(`/sessions/open/${id}`)).text();
    expect(page).not.toContain(link);
    expect(textOf(page)).toContain("Online");

    expect(
      (
        await new Client(server.url).post(`/sessions/open/${id}`, {
          name: "Sam First",
          email: "sam.first@example.org",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await new Client(server.url).post(`/sessions/open/${id}`, {
          name: "Wade Later",
          email: "wade.later@example.org",
        })
      ).status,
    ).toBe(302);
    const booked = await outboxTo("sam.first@example.org", "Online briefing");
    expect(booked.map((m) => m.text_body).join("\n")).toContain(`Joining link: ${link}`);
    const waiting = await outboxTo("wade.later@example.org", "Online briefing");
    expect(waiting.length).toBe(1);
    expect(waiting[0].text_body).not.toContain(link);
  });

  it("sends an online session's joining link the day before to each person with a place, once, and not to those waiting", async () => {
    const { sendJoiningLinks } = await import("~/sessions/open.server");
    const { clock } = await import("~/utils/clock.server");
    const lead = await signedIn("lead@example.org");
    const link = "https://meet.example.org/day-before-91ab";
    const id = await create(lead, {
      offeringId: online,
      venue: "",
      address: "",
      postcode: "",
      joiningLink: link,
      capacity: "2",
      durationMinutes: "60",
    });
    const start = Date.parse(
      (
        await world.db
          .selectFrom("delivery_sessions")
          .select("starts_at")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).starts_at,
    );
    for (const [name, email] of [
      ["Mo Early", "mo.early@example.org"],
      ["Nia Early", "nia.early@example.org"],
      ["Oz Waiting", "oz.waiting@example.org"],
    ]) {
      await new Client(server.url).post(`/sessions/open/${id}`, { name, email });
    }
    // The job sweeps every online session; what it did is read from this session's own rows.
    const sent = async () =>
      (
        await world.db
          .selectFrom("registrations")
          .select("email")
          .where("session_id", "=", id)
          .where("joining_link_sent_at", "is not", null)
          .orderBy("email")
          .execute()
      ).map((r) => r.email);
    await sendJoiningLinks(world.db, server.url);
    expect(await sent()).toEqual([]);
    clock.advance(start - Date.now() - 23 * 3600_000);
    try {
      await Promise.all([
        sendJoiningLinks(world.db, server.url),
        sendJoiningLinks(world.db, server.url),
      ]);
      await sendJoiningLinks(world.db, server.url);
    } finally {
      clock.reset();
    }
    expect(await sent()).toEqual(["mo.early@example.org", "nia.early@example.org"]);
    for (const email of ["mo.early@example.org", "nia.early@example.org"]) {
      const mails = (await outboxTo(email, "Online briefing")).filter((m) =>
        m.subject.startsWith("Your joining link for tomorrow"),
      );
      expect(mails.length).toBe(1);
      expect(mails[0].text_body).toContain(`Joining link: ${link}`);
    }
    expect(
      (await outboxTo("oz.waiting@example.org", "Online briefing")).filter((m) =>
        m.subject.startsWith("Your joining link"),
      ),
    ).toEqual([]);
  });

  it("is only for leads: trainers and coordinators cannot create a session, and anonymous visitors are sent to sign in", async () => {
    for (const email of ["dan@example.org", "coord.a@example.org"]) {
      const c = await signedIn(email);
      expect((await c.get("/sessions/new")).status).toBe(403);
      expect((await c.post("/sessions/new", form())).status).toBe(403);
    }
    const anon = await new Client(server.url).get("/sessions/new");
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/sign-in/);
  });
});

describe("the bookers list", () => {
  it("shows the lead and the session's trainer who booked, with access needs, and nobody else", async () => {
    const lead = await signedIn("lead@example.org");
    const id = await create(lead);
    const booker = new Client(server.url);
    expect(
      (
        await booker.post(`/sessions/open/${id}`, {
          name: "Ann Parent",
          email: "ann.parent@example.org",
          organisation: "Magpie Road Primary PTA",
          accessNeeds: "I use a wheelchair",
        })
      ).status,
    ).toBe(302);

    for (const c of [lead, await signedIn("dan@example.org")]) {
      const res = await c.get(`/sessions/${id}/bookers`);
      expect(res.status).toBe(200);
      const text = textOf(await res.text());
      expect(text).toContain("Ann Parent");
      expect(text).toContain("I use a wheelchair");
      expect(text).toContain("Magpie Road Primary PTA");
    }
    // The trainer reads the list but does not change bookings.
    const danPage = await (
      await (await signedIn("dan@example.org")).get(`/sessions/${id}/bookers`)
    ).text();
    expect(textOf(danPage)).not.toContain("Email everyone booked");
    const danPost = await (
      await signedIn("dan@example.org")
    ).post(`/sessions/${id}/bookers`, { intent: "email", subject: "Hi", message: "Hello" });
    expect(danPost.status).toBe(403);

    // Another trainer is told the session does not exist; a coordinator has no sessions' bookings at all.
    for (const [email, status] of [
      ["megan@example.org", 404],
      ["coord.a@example.org", 403],
    ] as const) {
      const c = await signedIn(email);
      expect((await c.get(`/sessions/${id}/bookers`)).status).toBe(status);
      expect((await c.get(`/sessions/${id}/bookers.csv`)).status).toBe(status);
    }
    for (const path of [`/sessions/${id}/bookers`, `/sessions/${id}/bookers.csv`]) {
      const anon = await new Client(server.url).get(path);
      expect(anon.status).toBe(302);
      expect(anon.headers.get("location")).toMatch(/^\/sign-in/);
    }
  });

  it("exports the list as a CSV a spreadsheet opens safely", async () => {
    const lead = await signedIn("lead@example.org");
    const id = await create(lead, { capacity: "1" });
    await new Client(server.url).post(`/sessions/open/${id}`, {
      name: '=HYPERLINK("http://evil.example","x")',
      email: "formula@example.org",
      accessNeeds: "+hearing loop",
    });
    await new Client(server.url).post(`/sessions/open/${id}`, {
      name: "Bea Waiting",
      email: "bea@example.org",
    });
    const res = await lead.get(`/sessions/${id}/bookers.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const rows: string[][] = parse((await res.text()).replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual([
      "Status",
      "Name",
      "Organisation",
      "Email",
      "Access needs",
      "Booked at",
      "Attendance",
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[4]])).toEqual([
      ["Booked", `'=HYPERLINK("http://evil.example","x")`, "'+hearing loop"],
      ["Waiting", "Bea Waiting", ""],
    ]);
  });

  it("emails everyone booked (and those waiting only when asked), each their own message", async () => {
    const lead = await signedIn("lead@example.org");
    const id = await create(lead, { capacity: "2" });
    for (const [name, email] of [
      ["Cal One", "cal.one@example.org"],
      ["Dee Two", "dee.two@example.org"],
      ["Eve Three", "eve.three@example.org"],
    ]) {
      expect(
        (await new Client(server.url).post(`/sessions/open/${id}`, { name, email })).status,
      ).toBe(302);
    }
    const empty = await lead.post(`/sessions/${id}/bookers`, {
      intent: "email",
      subject: "",
      message: "",
    });
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain("Enter a subject");

    const sent = await lead.post(`/sessions/${id}/bookers`, {
      intent: "email",
      subject: "New room",
      message: "We have moved to the small hall.\n\nPark at the back.",
    });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(`/sessions/${id}/bookers?emailed=2`);
    for (const email of ["cal.one@example.org", "dee.two@example.org"]) {
      const mails = (await outboxTo(email, "parents' evening")).filter((m) =>
        m.subject.startsWith("New room"),
      );
      expect(mails.length).toBe(1);
      expect(mails[0].text_body).toContain("We have moved to the small hall.");
      expect(mails[0].text_body).toContain("Park at the back.");
    }
    expect(
      (await outboxTo("eve.three@example.org", "parents' evening")).filter((m) =>
        m.subject.startsWith("New room"),
      ),
    ).toEqual([]);

    const all = await lead.post(`/sessions/${id}/bookers`, {
      intent: "email",
      subject: "Bring a pen",
      message: "Please bring a pen.",
      includeWaiting: "yes",
    });
    expect(all.headers.get("location")).toBe(`/sessions/${id}/bookers?emailed=3`);
    expect(
      (await outboxTo("eve.three@example.org", "parents' evening")).filter((m) =>
        m.subject.startsWith("Bring a pen"),
      ).length,
    ).toBe(1);
    const history = textOf(await (await lead.get(`/sessions/${id}`)).text());
    expect(history).toContain("Everyone booked was emailed");
  });

  it("raises the places (the first waiting gets one), refuses fewer places than people booked, and withdraws it from the public list", async () => {
    const lead = await signedIn("lead@example.org");
    const id = await create(lead, { capacity: "1" });
    await new Client(server.url).post(`/sessions/open/${id}`, {
      name: "Fay Booked",
      email: "fay@example.org",
    });
    await new Client(server.url).post(`/sessions/open/${id}`, {
      name: "Gus First Waiting",
      email: "gus@example.org",
    });
    await new Client(server.url).post(`/sessions/open/${id}`, {
      name: "Hal Second Waiting",
      email: "hal@example.org",
    });

    const more = await lead.post(`/sessions/${id}/bookers`, {
      intent: "places",
      capacity: "2",
      publish: "yes",
    });
    expect(more.status).toBe(302);
    const regs = await world.db
      .selectFrom("registrations")
      .select(["name", "status"])
      .where("session_id", "=", id)
      .orderBy("created_at")
      .execute();
    expect(regs.map((r) => `${r.name}:${r.status}`)).toEqual([
      "Fay Booked:confirmed",
      "Gus First Waiting:confirmed",
      "Hal Second Waiting:waiting",
    ]);
    expect(
      (await outboxTo("gus@example.org", "parents' evening")).some((m) =>
        m.subject.startsWith("A place has come up"),
      ),
    ).toBe(true);

    const fewer = await lead.post(`/sessions/${id}/bookers`, {
      intent: "places",
      capacity: "1",
      publish: "yes",
    });
    expect(fewer.status).toBe(409);
    expect(textOf(await fewer.text())).toContain("2 people are booked");
    expect(
      (
        await world.db
          .selectFrom("delivery_sessions")
          .select("capacity")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).capacity,
    ).toBe(2);

    const withdraw = await lead.post(`/sessions/${id}/bookers`, {
      intent: "places",
      capacity: "2",
    });
    expect(withdraw.status).toBe(302);
    expect(textOf(await (await new Client(server.url).get("/sessions/open")).text())).not.toContain(
      id,
    );
    expect(
      (
        await world.db
          .selectFrom("delivery_sessions")
          .select("is_open")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).is_open,
    ).toBe(0);
    // Off the public list, its page is gone for the public, but staff still manage its bookings
    // and a booker's cancel link still works (their place goes to the next person waiting).
    expect((await new Client(server.url).get(`/sessions/open/${id}`)).status).toBe(404);
    expect(textOf(await (await lead.get(`/sessions/${id}/bookers`)).text())).toContain(
      "Hal Second Waiting",
    );
    const cancelLink = /\/sessions\/open\/cancel\/[a-z2-7]{32}/.exec(
      (await outboxTo("fay@example.org", "parents' evening")).map((m) => m.text_body).join("\n"),
    )?.[0];
    expect(cancelLink).toBeTruthy();
    expect((await new Client(server.url).post(cancelLink!, {})).status).toBe(302);
    const after = await world.db
      .selectFrom("registrations")
      .select(["name", "status"])
      .where("session_id", "=", id)
      .orderBy("created_at")
      .execute();
    expect(after.map((r) => `${r.name}:${r.status}`)).toEqual([
      "Fay Booked:cancelled",
      "Gus First Waiting:confirmed",
      "Hal Second Waiting:confirmed",
    ]);
  });

  it("lets a lead cancel someone's booking (the next person waiting gets it) and give a place out of turn", async () => {
    const lead = await signedIn("lead@example.org");
    const id = await create(lead, { capacity: "1" });
    await new Client(server.url).post(`/sessions/open/${id}`, {
      name: "Ida Booked",
      email: "ida@example.org",
    });
    await new Client(server.url).post(`/sessions/open/${id}`, {
      name: "Jo Waiting",
      email: "jo@example.org",
    });
    await new Client(server.url).post(`/sessions/open/${id}`, {
      name: "Kim Waiting",
      email: "kim@example.org",
    });
    const reg = async (name: string) =>
      await world.db
        .selectFrom("registrations")
        .select(["id", "status"])
        .where("session_id", "=", id)
        .where("name", "=", name)
        .executeTakeFirstOrThrow();

    const kim = await reg("Kim Waiting");
    const noReason = await lead.post(`/sessions/${id}/bookers/${kim.id}`, {
      intent: "moveUp",
      registrationId: kim.id,
      moveReason: "",
    });
    expect(noReason.status).toBe(400);
    const moved = await lead.post(`/sessions/${id}/bookers/${kim.id}`, {
      intent: "moveUp",
      registrationId: kim.id,
      moveReason: "The only safeguarding lead at her school",
    });
    expect(moved.status).toBe(302);
    expect((await reg("Kim Waiting")).status).toBe("confirmed");
    expect((await reg("Jo Waiting")).status).toBe("waiting");
    expect(
      (
        await world.db
          .selectFrom("delivery_sessions")
          .select("capacity")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).capacity,
    ).toBe(2);

    const ida = await reg("Ida Booked");
    const cancelled = await lead.post(`/sessions/${id}/bookers/${ida.id}`, {
      intent: "cancelBooking",
      registrationId: ida.id,
      cancelReason: "Rang to say she cannot come",
    });
    expect(cancelled.status).toBe(302);
    expect((await reg("Ida Booked")).status).toBe("cancelled");
    expect((await reg("Jo Waiting")).status).toBe("confirmed");
    const idaMail = (await outboxTo("ida@example.org", "parents' evening")).find((m) =>
      m.subject.startsWith("Your booking is cancelled"),
    );
    expect(idaMail?.text_body).toContain("Rang to say she cannot come");

    // Another session's booking cannot be changed through this session's address.
    const other = await create(lead, { capacity: "3" });
    await new Client(server.url).post(`/sessions/open/${other}`, {
      name: "Lou Elsewhere",
      email: "lou@example.org",
    });
    const lou = await world.db
      .selectFrom("registrations")
      .select("id")
      .where("session_id", "=", other)
      .executeTakeFirstOrThrow();
    expect(
      (
        await lead.post(`/sessions/${id}/bookers/${lou.id}`, {
          intent: "cancelBooking",
          registrationId: lou.id,
          cancelReason: "x",
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await (
          await signedIn("dan@example.org")
        ).post(`/sessions/${other}/bookers/${lou.id}`, {
          intent: "cancelBooking",
          registrationId: lou.id,
          cancelReason: "x",
        })
      ).status,
    ).toBe(403);
  });
});

describe("for the public", () => {
  it("links a privacy notice (with the retention period in force), an accessibility statement and a contact page from every page's footer", async () => {
    const home = await (await new Client(server.url).get("/sessions/open")).text();
    for (const [href, heading] of [
      ["/privacy", "Privacy notice"],
      ["/accessibility", "Accessibility statement"],
      ["/contact", "Contact us"],
    ]) {
      expect(home).toContain(`href="${href}"`);
      const page = await new Client(server.url).get(href);
      expect(page.status).toBe(200);
      expect(textOf(await page.text())).toContain(heading);
    }
    expect(textOf(await (await new Client(server.url).get("/privacy")).text())).toContain(
      "We remove your details 12 months after the session",
    );
  });

  it("sends booking details again to the address only, with a new cancel link, and answers the same for an address with no booking", async () => {
    const lead = await signedIn("lead@example.org");
    const id = await create(lead, { capacity: "5" });
    await new Client(server.url).post(`/sessions/open/${id}`, {
      name: "Pat Forgetful",
      email: "pat.forgetful@example.org",
    });
    const oldLink = /\/sessions\/open\/cancel\/[a-z2-7]{32}/.exec(
      (await outboxTo("pat.forgetful@example.org", "parents' evening"))
        .map((m) => m.text_body)
        .join("\n"),
    )![0];

    const visitor = new Client(server.url);
    const known = await visitor.post("/sessions/open/resend", {
      email: "Pat.Forgetful@example.org",
    });
    const unknown = await visitor.post("/sessions/open/resend", {
      email: "nobody.here@example.org",
    });
    expect([known.status, unknown.status]).toEqual([302, 302]);
    expect(known.headers.get("location")).toBe(unknown.headers.get("location"));
    expect(
      await world.db
        .selectFrom("outbox")
        .select("id")
        .where("to_address", "=", "nobody.here@example.org")
        .execute(),
    ).toEqual([]);

    const mails = (await outboxTo("pat.forgetful@example.org", "parents' evening")).filter((m) =>
      m.subject.startsWith("Your place is booked"),
    );
    expect(mails.length).toBe(2);
    const newLink = /\/sessions\/open\/cancel\/[a-z2-7]{32}/.exec(mails[1].text_body)![0];
    expect(newLink).not.toBe(oldLink);
    expect((await new Client(server.url).post(oldLink, {})).status).toBe(404);
    expect((await new Client(server.url).post(newLink, {})).status).toBe(302);

    const bad = await visitor.post("/sessions/open/resend", { email: "not an address" });
    expect(bad.status).toBe(400);
    // Three asks for one address in the window; the fourth waits.
    await visitor.post("/sessions/open/resend", { email: "flood.target@example.org" });
    await visitor.post("/sessions/open/resend", { email: "flood.target@example.org" });
    await visitor.post("/sessions/open/resend", { email: "flood.target@example.org" });
    const limited = await visitor.post("/sessions/open/resend", {
      email: "flood.target@example.org",
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});

import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";
import { londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// Issue 11, finding 6, second half (decision 072, "Consequences"): a published safeguarding figure
// must not reveal presence in a single session. "Referral to SOS+ 1-2-1: fewer than 5" next to
// zeros, for a district or a quarter with one session, told a reader that a pupil there had been
// referred. Where a column's figures come from fewer than MIN_SESSIONS_PER_CELL sessions, every
// figure in it — zeros too — is "withheld" in the CSV exports and the quarterly return.

let server: TestServer;
const NORWICH = "E07000148";
const BROADLAND = "E07000144";
const BRECKLAND = "E07000143";
const ids: Record<string, string> = {};
// Every session on one day ten days ago, so they share a quarter whatever today is.
const DAY = londonDay(-10);

function quarterOf(day: string) {
  const [y, m] = day.split("-").map(Number);
  const fy = m >= 4 ? y : y - 1;
  const q = m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4;
  return `q-${fy}-${q}`;
}

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const { londonToUtc } = await import("~/utils/dates");
  const db = getDb();
  const partner = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "St Giles Trust",
  });
  const school = await insertOrganisation(db, {
    kind: "setting",
    name: "Alder High School",
    districtId: NORWICH,
    urn: "780001",
  });
  ids.lead = await insertUser(db, {
    email: "lead@example.org",
    name: "Lead",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead", safeguardingCleared: true }],
  });
  const b = new DeliveryBatch();
  ids.P = b.programme({
    name: "Coverage programme",
    startsOn: londonDay(-400),
    endsOn: londonDay(400),
    targets: [],
  });
  const pupils = b.offering({
    programmeId: ids.P,
    title: "Assembly",
    audience: "pupils",
    format: "assembly",
  });
  const teachers = b.offering({
    programmeId: ids.P,
    title: "Staff briefing",
    audience: "teachers",
    format: "community_session",
  });
  const at = londonToUtc(DAY, "10:00").toISOString();
  // Norwich: one pupil session, with five referrals to SOS+ 1-2-1 (not a small number, so shown
  // as "5" beside zeros before: five pupils of one known session referred).
  const lone = b.session({
    programmeId: ids.P,
    offeringId: pupils,
    settingId: school,
    districtId: NORWICH,
    startsAt: at,
    status: "delivered",
  });
  for (let i = 0; i < 5; i++)
    b.safeguarding({
      sessionId: lone,
      kind: "referral",
      destination: "sos_121",
      recordedBy: ids.lead,
    });
  // Broadland: six teachers' sessions, six concerns. Breckland: eight, with concerns and referrals.
  for (let i = 0; i < 6; i++) {
    const s = b.session({
      programmeId: ids.P,
      offeringId: teachers,
      districtId: BROADLAND,
      startsAt: at,
      status: "delivered",
    });
    b.safeguarding({ sessionId: s, kind: "concern", destination: null, recordedBy: ids.lead });
  }
  for (let i = 0; i < 8; i++) {
    const s = b.session({
      programmeId: ids.P,
      offeringId: teachers,
      districtId: BRECKLAND,
      startsAt: at,
      status: "delivered",
    });
    b.safeguarding({ sessionId: s, kind: "concern", destination: null, recordedBy: ids.lead });
    if (i < 6)
      b.safeguarding({ sessionId: s, kind: "referral", destination: "mash", recordedBy: ids.lead });
  }
  await b.write(db);
});

afterAll(async () => {
  await server?.close();
});

async function csvOf(res: Response): Promise<string[][]> {
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return parse(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3)));
}

const isFigure = (v: string) => /^\d+$/.test(v);

describe("published safeguarding figures never reveal presence in a single session", () => {
  it("withholds every figure, zeros too, of a district with one session, and of a second so the first cannot be had by subtraction", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    const rows = await csvOf(
      await c.get(`/reports/csv/safeguarding?programme=${ids.P}&period=all`),
    );
    const header = rows[0];
    const col = (name: string) => rows.slice(1).map((r) => r[header.indexOf(name)]);
    // Norwich (one session): every figure withheld, its referral and its zeros alike.
    expect(col("Norwich").every((v) => v === "withheld")).toBe(true);
    // Broadland (six sessions) is withheld too: otherwise All districts − Broadland − Breckland = Norwich.
    expect(col("Broadland").every((v) => v === "withheld")).toBe(true);
    // Breckland's figures and the totals stand: 8 concerns, 6 referrals to MASH; 25 in all.
    const record = (label: string) => rows.find((r) => r[0] === label)!;
    expect(record("Concern, not passed on")[header.indexOf("Breckland")]).toBe("8");
    expect(
      record("Referral to MASH (Multi-Agency Safeguarding Hub)")[header.indexOf("Breckland")],
    ).toBe("6");
    expect(rows.at(-1)![header.indexOf("All districts")]).toBe(String(5 + 6 + 8 + 6));
    // Districts with no sessions show their zeros: no one was there to be revealed.
    expect(col("North Norfolk").every((v) => v === "0")).toBe(true);
  });

  it("withholds the whole table for a quarter and audience with one session (the finding's reproduction)", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    const rows = await csvOf(
      await c.get(
        `/reports/csv/safeguarding?programme=${ids.P}&period=${quarterOf(DAY)}&audience=pupils`,
      ),
    );
    const figures = rows.slice(1).flatMap((r) => r.slice(1));
    expect(figures.length).toBeGreaterThan(0);
    expect(figures.filter(isFigure)).toEqual([]);
    expect(figures).not.toContain("fewer than 5");
  });

  it("withholds them in the quarterly return's CSV too", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    const rows = await csvOf(
      await c.get(`/reports/return/csv?programme=${ids.P}&quarter=${quarterOf(DAY)}`),
    );
    const sg = rows.filter((r) => r[0] === "outcomes: safeguarding");
    const norwich = sg.filter((r) => r[3] === "Norwich");
    expect(norwich.length).toBeGreaterThan(0);
    expect(norwich.every((r) => r[7] === "withheld")).toBe(true);
    expect(
      sg.find((r) => r[1] === "all concerns and referrals" && r[3] === "All districts")![7],
    ).toBe("25");
  });
});

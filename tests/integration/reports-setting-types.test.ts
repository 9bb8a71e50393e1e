import { parse } from "csv-parse/sync";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Audience } from "~/db/schema";
import { Client, startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";
import { londonAtIso, londonDay } from "../support/time";

// Issue 17, item 12: the table an evaluation reports — settings reached, sessions and people, and
// the share of settings and of people by setting type — on the dashboard and in the quarterly
// return (page, CSV, PDF). The fixture is built here, relative to today; the test works every
// figure out by plain counting over the fixture as written, and compares it with what the real
// server shows. A lead then types a setting the register does not place, and the kept dashboard
// view changes with it.

const NORWICH = "E07000148";

let server: TestServer;
const ids: Record<string, string> = {};

type TypeKey = "primary" | "secondary" | "alternative_provision" | "further_education" | "other";

const SETTINGS: Record<string, { name: string; phase: string; type: string; expect: TypeKey }> = {
  PRI1: { name: "Oak Primary", phase: "Primary", type: "Community school", expect: "primary" },
  PRI2: {
    name: "Elm Middle",
    phase: "Middle deemed primary",
    type: "Academy converter",
    expect: "primary",
  },
  SEC1: { name: "Ash High", phase: "Secondary", type: "Academy converter", expect: "secondary" },
  SEC2: { name: "Yew Academy", phase: "Secondary", type: "Community school", expect: "secondary" },
  AP1: {
    name: "Willow Short Stay",
    phase: "Not applicable",
    type: "Pupil referral unit",
    expect: "alternative_provision",
  },
  FE1: {
    name: "City College",
    phase: "16 plus",
    type: "Further education",
    expect: "further_education",
  },
  // The register does not place an all-through school: "Other" until a lead chooses.
  ALL1: {
    name: "Birch All-through",
    phase: "All-through",
    type: "Academy converter",
    expect: "other",
  },
  // Reached only by another programme, and scheduled (not delivered) in this one.
  LATER: { name: "Rowan High", phase: "Secondary", type: "Academy converter", expect: "secondary" },
};

const CLASSES: Record<string, { setting: string; pupils: number }> = {
  c1: { setting: "PRI1", pupils: 30 },
  c2: { setting: "PRI2", pupils: 25 },
  c3: { setting: "SEC1", pupils: 28 },
  c4: { setting: "SEC1", pupils: 27 },
  c5: { setting: "SEC2", pupils: 20 },
  c6: { setting: "AP1", pupils: 6 },
  c7: { setting: "FE1", pupils: 3 },
  c8: { setting: "ALL1", pupils: 22 },
  c9: { setting: "LATER", pupils: 29 },
};

interface Fx {
  programme: "P" | "Q";
  audience: Audience;
  setting: string | null;
  day: number;
  time: string;
  status: "delivered" | "scheduled" | "cancelled";
  classes?: [string, number | null][];
  attended?: number;
  walkIns?: number;
}

const SESSIONS: Fx[] = [
  {
    programme: "P",
    audience: "pupils",
    setting: "PRI1",
    day: -300,
    time: "10:00",
    status: "delivered",
    classes: [["c1", 28]],
  },
  // c1 seen again: the session counts, its pupils once (the most who attended: 30).
  {
    programme: "P",
    audience: "pupils",
    setting: "PRI1",
    day: -200,
    time: "10:00",
    status: "delivered",
    classes: [["c1", 30]],
  },
  {
    programme: "P",
    audience: "pupils",
    setting: "PRI2",
    day: -250,
    time: "11:00",
    status: "delivered",
    classes: [["c2", 25]],
  },
  {
    programme: "P",
    audience: "pupils",
    setting: "SEC1",
    day: -240,
    time: "09:00",
    status: "delivered",
    classes: [
      ["c3", 26],
      ["c4", 27],
    ],
  },
  {
    programme: "P",
    audience: "teachers",
    setting: "SEC1",
    day: -100,
    time: "16:00",
    status: "delivered",
    attended: 6,
    walkIns: 2,
  },
  {
    programme: "P",
    audience: "pupils",
    setting: "SEC2",
    day: -90,
    time: "10:00",
    status: "delivered",
    classes: [["c5", 20]],
  },
  {
    programme: "P",
    audience: "pupils",
    setting: "AP1",
    day: -80,
    time: "10:00",
    status: "delivered",
    classes: [["c6", 6]],
  },
  {
    programme: "P",
    audience: "pupils",
    setting: "FE1",
    day: -70,
    time: "10:00",
    status: "delivered",
    classes: [["c7", 3]],
  },
  {
    programme: "P",
    audience: "pupils",
    setting: "ALL1",
    day: -60,
    time: "10:00",
    status: "delivered",
    classes: [["c8", 22]],
  },
  {
    programme: "P",
    audience: "parents",
    setting: null,
    day: -50,
    time: "18:30",
    status: "delivered",
    attended: 9,
  },
  {
    programme: "P",
    audience: "pupils",
    setting: "SEC2",
    day: -40,
    time: "10:00",
    status: "cancelled",
    classes: [["c5", null]],
  },
  // Today, early: always in the quarter the return opens on.
  {
    programme: "P",
    audience: "teachers",
    setting: "SEC2",
    day: 0,
    time: "00:30",
    status: "delivered",
    attended: 7,
  },
  {
    programme: "P",
    audience: "pupils",
    setting: "LATER",
    day: 20,
    time: "10:00",
    status: "scheduled",
    classes: [["c9", null]],
  },
  {
    programme: "Q",
    audience: "pupils",
    setting: "LATER",
    day: -30,
    time: "10:00",
    status: "delivered",
    classes: [["c9", 29]],
  },
];

const TYPES: { key: TypeKey; label: string }[] = [
  { key: "primary", label: "Primary" },
  { key: "secondary", label: "Secondary" },
  { key: "alternative_provision", label: "Alternative provision" },
  { key: "further_education", label: "Further education" },
  { key: "other", label: "Other" },
];

// ── Plain counting ──────────────────────────────────────────────────────────

interface Expected {
  rows: Record<TypeKey | "none", { settings: number; sessions: number; people: number }>;
  total: { settings: number; sessions: number; people: number };
}

/** Every figure of the table, counted by hand from the fixture, for days `from`..`to` (offsets). */
function expected(typeOf: Record<string, TypeKey>, from = -10_000, to = 10_000): Expected {
  const rows = Object.fromEntries(
    [...TYPES.map((t) => t.key), "none"].map((k) => [k, { settings: 0, sessions: 0, people: 0 }]),
  ) as Expected["rows"];
  const delivered = SESSIONS.filter(
    (s) => s.programme === "P" && s.status === "delivered" && s.day <= to,
  );
  const reached = new Set<string>();
  for (const s of delivered) {
    if (s.day < from) continue;
    const row = rows[s.setting ? typeOf[s.setting] : "none"];
    row.sessions += 1;
    row.people += (s.attended ?? 0) + (s.walkIns ?? 0);
    if (s.setting) reached.add(s.setting);
  }
  for (const setting of reached) rows[typeOf[setting]].settings += 1;
  // Each class once, where its first delivered session was, with the most who attended.
  for (const cls of Object.keys(CLASSES)) {
    const seen = delivered
      .filter((s) => s.classes?.some(([c, n]) => c === cls && n !== null))
      .sort((a, b) => a.day - b.day);
    if (!seen.length || seen[0].day < from) continue;
    const most = Math.max(...seen.map((s) => s.classes!.find(([c]) => c === cls)![1]!));
    rows[seen[0].setting ? typeOf[seen[0].setting] : "none"].people += most;
  }
  const all = Object.values(rows);
  return {
    rows,
    total: {
      settings: all.reduce((a, r) => a + r.settings, 0),
      sessions: all.reduce((a, r) => a + r.sessions, 0),
      people: all.reduce((a, r) => a + r.people, 0),
    },
  };
}

/** Shares by hand: each exact share rounded down, the points left to the largest remainders. */
function shares(values: number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  const floors = values.map((v) => Math.floor((v * 100) / total));
  const order = values
    .map((v, i) => ({ i, v, rest: (v * 100) / total - floors[i] }))
    .sort((a, b) => b.rest - a.rest || a.v - b.v || a.i - b.i);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  for (const x of order) if (left-- > 0) floors[x.i] += 1;
  return floors;
}

function registerTypes(): Record<string, TypeKey> {
  return Object.fromEntries(Object.entries(SETTINGS).map(([k, s]) => [k, s.expect]));
}

// ── Reading the page ────────────────────────────────────────────────────────

function figures(html: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /data-figure="([^"]+)"[^>]*>([\s\S]*?)<\/(td|p|span|strong)>/g;
  for (let m = re.exec(html); m; m = re.exec(html))
    out.set(
      m[1],
      m[2]
        .replace(/<!--.*?-->/g, "")
        .replace(/<[^>]+>/g, "")
        .trim(),
    );
  return out;
}
function num(figs: Map<string, string>, key: string): number {
  const v = figs.get(key);
  if (v === undefined) throw new Error(`no figure ${key} on the page`);
  return Number(v.replace(/[,%]/g, ""));
}

function checkPage(figs: Map<string, string>, e: Expected) {
  const settingShares = shares(TYPES.map((t) => e.rows[t.key].settings));
  const keys = [...TYPES.map((t) => t.key), "none" as const];
  const peopleShares = shares(keys.map((k) => e.rows[k].people));
  TYPES.forEach((t, i) => {
    const r = e.rows[t.key];
    expect(num(figs, `setting-types:${t.key}:settings`), t.key).toBe(r.settings);
    expect(num(figs, `setting-types:${t.key}:sessions`), t.key).toBe(r.sessions);
    expect(num(figs, `setting-types:${t.key}:people`), t.key).toBe(r.people);
    expect(num(figs, `setting-types:${t.key}:settings_percent`), t.key).toBe(settingShares[i]);
    expect(num(figs, `setting-types:${t.key}:people_percent`), t.key).toBe(peopleShares[i]);
  });
  expect(num(figs, "setting-types:none:sessions")).toBe(e.rows.none.sessions);
  expect(num(figs, "setting-types:none:people")).toBe(e.rows.none.people);
  expect(num(figs, "setting-types:none:people_percent")).toBe(peopleShares[5]);
  expect(figs.get("setting-types:none:settings")).toBe("–");
  expect(num(figs, "setting-types:total:settings")).toBe(e.total.settings);
  expect(num(figs, "setting-types:total:sessions")).toBe(e.total.sessions);
  expect(num(figs, "setting-types:total:people")).toBe(e.total.people);
  // The table adds up to the dashboard's own headline figures.
  expect(num(figs, "headline:sessions")).toBe(e.total.sessions);
  expect(num(figs, "headline:people")).toBe(e.total.people);
  expect(num(figs, "headline:settings")).toBe(e.total.settings);
}

let lead: Client;

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const db = getDb();
  const partner = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "St Giles Trust",
  });
  for (const [key, s] of Object.entries(SETTINGS))
    ids[key] = await insertOrganisation(db, {
      kind: "setting",
      name: s.name,
      phase: s.phase,
      establishmentType: s.type,
      districtId: NORWICH,
      postcode: "NR2 4AA",
      urn: String(810_000 + Object.keys(ids).length),
    });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Lead",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead" }],
  });
  await insertUser(db, {
    email: "school@example.org",
    name: "Coordinator",
    password: PASSWORD,
    memberships: [{ organisationId: ids.SEC1, role: "school_coordinator" }],
  });
  const b = new DeliveryBatch();
  ids.P = b.programme({
    name: "SOS+",
    startsOn: londonDay(-400),
    endsOn: londonDay(700),
    targets: [{ audience: "pupils", sessions: 100, people: 3000 }],
  });
  ids.Q = b.programme({
    name: "Other programme",
    startsOn: londonDay(-400),
    endsOn: londonDay(700),
    targets: [],
  });
  const offering: Record<string, string> = {};
  for (const p of ["P", "Q"] as const)
    for (const a of ["pupils", "teachers", "parents"] as const)
      offering[`${p}${a}`] = b.offering({
        programmeId: ids[p],
        title: `${p} ${a}`,
        audience: a,
        format: a === "pupils" ? "classroom_workshop" : "community_session",
      });
  for (const [cls, c] of Object.entries(CLASSES))
    ids[cls] = b.class({ settingId: ids[c.setting], yearGroup: "9", name: cls, pupils: c.pupils });
  for (const s of SESSIONS) {
    const id = b.session({
      programmeId: ids[s.programme],
      offeringId: offering[`${s.programme}${s.audience}`],
      settingId: s.setting ? ids[s.setting] : null,
      districtId: NORWICH,
      startsAt: londonAtIso(s.day, s.time),
      status: s.status,
      walkIns: s.walkIns ?? 0,
      classes: (s.classes ?? []).map(([c, n]) => ({ classId: ids[c], attended: n })),
    });
    for (let i = 0; i < (s.attended ?? 0); i++)
      b.registration({ sessionId: id, attendance: "attended" });
  }
  await b.write(db);
  lead = new Client(server.url);
  await lead.signIn("lead@example.org", PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

describe("the table an evaluation reports", () => {
  it("shows settings, sessions and people by setting type on the dashboard, each figure as counted by hand", async () => {
    const e = expected(registerTypes());
    // Hand-checked anchors, so the model is checked too.
    expect(e.rows.primary).toEqual({ settings: 2, sessions: 3, people: 30 + 25 });
    expect(e.rows.secondary).toEqual({ settings: 2, sessions: 4, people: 26 + 27 + 8 + 20 + 7 });
    expect(e.rows.alternative_provision).toEqual({ settings: 1, sessions: 1, people: 6 });
    expect(e.rows.further_education).toEqual({ settings: 1, sessions: 1, people: 3 });
    expect(e.rows.other).toEqual({ settings: 1, sessions: 1, people: 22 });
    expect(e.rows.none).toEqual({ settings: 0, sessions: 1, people: 9 });
    // 7 settings: 2/7, 2/7, 1/7, 1/7, 1/7 = 28.6, 28.6, 14.3, 14.3, 14.3 → 29, 29, 14, 14, 14.
    expect(shares([2, 2, 1, 1, 1, 0])).toEqual([29, 29, 14, 14, 14, 0]);

    const res = await lead.get(`/reports?programme=${ids.P}&period=all`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("By type of setting");
    checkPage(figures(html), e);
    // The lead is told that one setting reached has no type from the register.
    expect(num(figures(html), "setting-types:unknown")).toBe(1);
  });

  it("follows a lead's choice of type, over the register, at once on the kept dashboard", async () => {
    // The kept view is computed again only because the organisation changed (report data version).
    const before = await lead.get(`/reports?programme=${ids.P}&period=all`);
    expect(num(figures(await before.text()), "setting-types:other:settings")).toBe(1);
    const edit = await lead.get(`/admin/organisations/${ids.ALL1}/edit`);
    const form = await edit.text();
    expect(form).toContain("Type of setting in reports");
    expect(form).toContain("The register does not place it");
    const saved = await lead.post(`/admin/organisations/${ids.ALL1}/edit`, {
      name: SETTINGS.ALL1.name,
      urn: await urnOf(ids.ALL1),
      phase: SETTINGS.ALL1.phase,
      establishmentType: SETTINGS.ALL1.type,
      settingType: "secondary",
      districtId: NORWICH,
      postcode: "NR2 4AA",
    });
    expect(saved.status).toBe(302);
    const page = await (await lead.get(`/admin/organisations/${ids.ALL1}`)).text();
    expect(page).toContain(
      "Secondary, chosen by a lead (the register says nothing that places it)",
    );

    const typeOf = { ...registerTypes(), ALL1: "secondary" as TypeKey };
    const e = expected(typeOf);
    expect(e.rows.other.settings).toBe(0);
    expect(e.rows.secondary.settings).toBe(3);
    const html = await (await lead.get(`/reports?programme=${ids.P}&period=all`)).text();
    checkPage(figures(html), e);
    expect(html).not.toContain('data-figure="setting-types:unknown"');

    // A lead's choice also wins where the register has an answer; clearing it gives the register back.
    await lead.post(`/admin/organisations/${ids.ALL1}/edit`, {
      name: SETTINGS.ALL1.name,
      urn: await urnOf(ids.ALL1),
      phase: SETTINGS.ALL1.phase,
      establishmentType: SETTINGS.ALL1.type,
      settingType: "",
      districtId: NORWICH,
      postcode: "NR2 4AA",
    });
    checkPage(
      figures(await (await lead.get(`/reports?programme=${ids.P}&period=all`)).text()),
      expected(registerTypes()),
    );
    // A type that is not one of the five is refused.
    const bad = await lead.post(`/admin/organisations/${ids.ALL1}/edit`, {
      name: SETTINGS.ALL1.name,
      urn: await urnOf(ids.ALL1),
      phase: SETTINGS.ALL1.phase,
      establishmentType: SETTINGS.ALL1.type,
      settingType: "college",
      districtId: NORWICH,
      postcode: "NR2 4AA",
    });
    expect(bad.status).toBe(400);
  });

  it("shows a school coordinator the table for their own school only", async () => {
    const school = new Client(server.url);
    await school.signIn("school@example.org", PASSWORD);
    const figs = figures(await (await school.get(`/reports?programme=${ids.P}&period=all`)).text());
    expect(num(figs, "setting-types:secondary:settings")).toBe(1);
    expect(num(figs, "setting-types:secondary:sessions")).toBe(2);
    expect(num(figs, "setting-types:secondary:people")).toBe(26 + 27 + 8);
    expect(num(figs, "setting-types:primary:settings")).toBe(0);
    expect(num(figs, "setting-types:secondary:settings_percent")).toBe(100);
  });

  it("puts the table in the return's page, CSV (suppressed) and PDF, for the quarter and the programme to date", async () => {
    const preview = await lead.get(`/reports/return?programme=${ids.P}`);
    const html = await preview.text();
    const figs = figures(html);
    const all = expected(registerTypes());
    // Programme to date runs to the end of the current quarter: every delivered session is in it.
    for (const t of TYPES) {
      expect(num(figs, `setting-types-cumulative:${t.key}:settings`)).toBe(
        all.rows[t.key].settings,
      );
      expect(num(figs, `setting-types-cumulative:${t.key}:people`)).toBe(all.rows[t.key].people);
    }
    // This quarter has at least today's session at Yew Academy (secondary, 7 teachers).
    expect(num(figs, "setting-types-quarter:secondary:sessions")).toBeGreaterThanOrEqual(1);
    expect(num(figs, "setting-types-quarter:total:sessions")).toBe(
      num(figs, "setting-types-quarter:secondary:sessions") +
        TYPES.filter((t) => t.key !== "secondary").reduce(
          (a, t) => a + num(figs, `setting-types-quarter:${t.key}:sessions`),
          0,
        ) +
        (figs.has("setting-types-quarter:none:sessions")
          ? num(figs, "setting-types-quarter:none:sessions")
          : 0),
    );

    const csvRes = await lead.get(`/reports/return/csv?programme=${ids.P}`);
    expect(csvRes.status).toBe(200);
    const rows: string[][] = parse((await csvRes.text()).replace(/^\uFEFF/, ""));
    const typed = rows.filter(
      (r) => r[0] === "outputs by setting type" && r[4] === "Programme to date",
    );
    const value = (measure: string) => typed.find((r) => r[1] === measure)?.[7];
    const settingShares = shares(TYPES.map((t) => all.rows[t.key].settings));
    TYPES.forEach((t, i) => {
      expect(value(`settings reached: ${t.label}`)).toBe(String(all.rows[t.key].settings));
      expect(value(`share of settings reached (%): ${t.label}`)).toBe(String(settingShares[i]));
      expect(value(`sessions delivered: ${t.label}`)).toBe(String(all.rows[t.key].sessions));
    });
    // Further education reached 3 people: fewer than 5 when it leaves the programme, and with it
    // every share of people (each was rounded together with the hidden one).
    expect(value("people reached: Further education")).toBe("fewer than 5");
    expect(value("people reached: Primary")).toBe(String(all.rows.primary.people));
    expect(value("share of people reached (%): Primary")).toBe("withheld");
    expect(value("settings reached: all settings")).toBe(String(all.total.settings));
    expect(value("share of settings reached (%): all settings")).toBe("100");

    const pdf = await lead.get(`/reports/return/pdf?programme=${ids.P}`);
    expect(pdf.status).toBe(200);
    const file = `${server.dir}/return-types.pdf`;
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
    expect(text).toContain("By type of setting: Programme to date");
    const line = (label: string) =>
      text
        .slice(text.indexOf("By type of setting: Programme to date"))
        .split("\n")
        .find((l) => l.trim().startsWith(label))!
        .trim()
        .split(/\s{2,}/);
    // Setting type, settings, share of settings, sessions, people, share of people.
    expect(line("Primary")).toEqual([
      "Primary",
      String(all.rows.primary.settings),
      `${settingShares[0]}%`,
      String(all.rows.primary.sessions),
      String(all.rows.primary.people),
      "withheld",
    ]);
    expect(line("Further education")).toEqual([
      "Further education",
      "1",
      `${settingShares[3]}%`,
      "1",
      "fewer than 5",
      "withheld",
    ]);
  });
});

async function urnOf(id: string) {
  const { getDb } = await import("~/db/db.server");
  const row = await getDb()
    .selectFrom("organisations")
    .select("urn")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row.urn!;
}

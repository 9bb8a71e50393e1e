import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Audience } from "~/db/schema";
import { Client, startTestServer, type TestServer } from "../support/server";
import { recoverable } from "../support/suppression-check";
import { PASSWORD } from "../support/password";

// The dashboard's outcome sections — feedback before and after, e-learning reach, safeguarding
// counts — over a known fixture. The test works out every figure itself from the fixture as
// written here (plain JavaScript), and compares each with the page the real server renders, the
// CSV exports and the quarterly return. E-learning is made through the learning capability's own
// functions (enrol, read, quiz), and completions are checked against getCompletion.

const NORWICH = "E07000148";
const YARMOUTH = "E07000145";
const BRECKLAND = "E07000143";
const TODAY = "2026-11-23";
const Q1 = { value: "q-2026-1", from: "2026-04-01", to: "2026-06-30" };
const ALL = { value: "all", from: "2025-09-01", to: "2028-08-31" };

let server: TestServer;
const ids: Record<string, string> = {};

// ── The fixture ─────────────────────────────────────────────────────────────

interface FxSession {
  name: string;
  programme: "P" | "Q";
  audience: Audience;
  setting: string | null;
  district: string | null;
  date: string;
  status: "delivered" | "scheduled" | "cancelled";
}

const SESSIONS: FxSession[] = [
  {
    name: "p1",
    programme: "P",
    audience: "pupils",
    setting: "A",
    district: NORWICH,
    date: "2026-05-10",
    status: "delivered",
  },
  {
    name: "p2",
    programme: "P",
    audience: "pupils",
    setting: "B",
    district: YARMOUTH,
    date: "2026-06-12",
    status: "delivered",
  },
  {
    name: "t1",
    programme: "P",
    audience: "teachers",
    setting: "A",
    district: NORWICH,
    date: "2026-04-20",
    status: "delivered",
  },
  {
    name: "par1",
    programme: "P",
    audience: "parents",
    setting: null,
    district: null,
    date: "2026-07-08",
    status: "delivered",
  },
  {
    name: "v1",
    programme: "P",
    audience: "vcse_staff",
    setting: null,
    district: NORWICH,
    date: "2026-05-20",
    status: "delivered",
  },
  // Not counted in feedback: cancelled, not yet marked delivered, another programme.
  {
    name: "x1",
    programme: "P",
    audience: "pupils",
    setting: "A",
    district: NORWICH,
    date: "2026-05-15",
    status: "cancelled",
  },
  {
    name: "x2",
    programme: "P",
    audience: "pupils",
    setting: "B",
    district: YARMOUTH,
    date: "2026-06-20",
    status: "scheduled",
  },
  {
    name: "q1",
    programme: "Q",
    audience: "pupils",
    setting: "A",
    district: NORWICH,
    date: "2026-05-12",
    status: "delivered",
  },
];
const sessionOf = (name: string) => SESSIONS.find((s) => s.name === name)!;

interface Answer {
  session: string;
  respondent: string;
  item: string;
  stage: "before" | "after";
  score: number;
}
interface Tally {
  session: string;
  item: string;
  stage: "before" | "after";
  score: number;
  count: number;
}

const ANSWERS: Answer[] = [];
const respondents: Record<
  string,
  {
    session: string;
    questionnaire: string;
    before: Record<string, number>;
    after: Record<string, number>;
    texts?: Record<string, string>;
  }
> = {};
function respondent(
  session: string,
  questionnaire: string,
  key: string,
  before: Record<string, number>,
  after: Record<string, number>,
  texts?: Record<string, string>,
) {
  const id = `${session}-${key}`;
  respondents[id] = { session, questionnaire, before, after, texts };
  for (const [item, score] of Object.entries(before))
    ANSWERS.push({ session, respondent: id, item, stage: "before", score });
  for (const [item, score] of Object.entries(after))
    ANSWERS.push({ session, respondent: id, item, stage: "after", score });
}
const clamp = (v: number) => Math.max(1, Math.min(5, v));
// p1: six pupils answer both times; one only before; one only after; a stray "before" satisfaction score (not counted).
for (let i = 0; i < 6; i++)
  respondent(
    "p1",
    "q-pupil",
    `r${i}`,
    { "q-pupil-1": 1 + (i % 3), "q-pupil-2": 2 + (i % 2) },
    { "q-pupil-1": clamp(3 + (i % 3)), "q-pupil-2": clamp(2 + i), "q-pupil-4": 4 + (i % 2) },
    { "q-pupil-5": "It was good" },
  );
respondent("p1", "q-pupil", "only-before", { "q-pupil-1": 2 }, {});
respondent("p1", "q-pupil", "only-after", {}, { "q-pupil-1": 5 });
respondent("p1", "q-pupil", "stray", { "q-pupil-4": 1 }, { "q-pupil-4": 3 });
// p2: three pupils (a small number).
for (let i = 0; i < 3; i++)
  respondent("p2", "q-pupil", `r${i}`, { "q-pupil-1": 2 }, { "q-pupil-1": 3 + (i % 2) });
// t1: five teachers, three statements and satisfaction.
for (let i = 0; i < 5; i++)
  respondent(
    "t1",
    "q-standard",
    `r${i}`,
    { "q-standard-1": 2 + (i % 2), "q-standard-2": 3, "q-standard-3": 1 + (i % 4) },
    { "q-standard-1": 4 + (i % 2), "q-standard-2": 4, "q-standard-3": 4, "q-standard-4": 5 },
  );
// par1: four parents online (no district).
for (let i = 0; i < 4; i++)
  respondent(
    "par1",
    "q-standard",
    `r${i}`,
    { "q-standard-1": 1 + i },
    { "q-standard-1": clamp(3 + i) },
  );
// v1: seven VCSE staff.
for (let i = 0; i < 7; i++)
  respondent("v1", "q-standard", `r${i}`, { "q-standard-1": 3 }, { "q-standard-1": 4 + (i % 2) });
// Not counted: a cancelled session, one not marked delivered, another programme.
for (let i = 0; i < 5; i++)
  respondent("x1", "q-pupil", `r${i}`, { "q-pupil-1": 1 }, { "q-pupil-1": 1 });
for (let i = 0; i < 5; i++)
  respondent("x2", "q-pupil", `r${i}`, { "q-pupil-1": 1 }, { "q-pupil-1": 1 });
for (let i = 0; i < 5; i++)
  respondent("q1", "q-pupil", `r${i}`, { "q-pupil-1": 5 }, { "q-pupil-1": 1 });

const TALLIES: Tally[] = [
  { session: "p1", item: "q-pupil-1", stage: "before", score: 2, count: 10 },
  { session: "p1", item: "q-pupil-1", stage: "before", score: 3, count: 5 },
  { session: "p1", item: "q-pupil-1", stage: "after", score: 4, count: 12 },
  { session: "p1", item: "q-pupil-1", stage: "after", score: 5, count: 3 },
  { session: "t1", item: "q-standard-4", stage: "after", score: 3, count: 2 },
  { session: "x1", item: "q-pupil-1", stage: "after", score: 1, count: 50 },
];

const ITEM_KIND: Record<string, "before_after" | "satisfaction"> = {
  "q-pupil-1": "before_after",
  "q-pupil-2": "before_after",
  "q-pupil-4": "satisfaction",
  "q-standard-1": "before_after",
  "q-standard-2": "before_after",
  "q-standard-3": "before_after",
  "q-standard-4": "satisfaction",
};

const SAFEGUARDING: {
  session: string;
  kind: "concern" | "referral";
  destination: string | null;
  count: number;
}[] = [
  { session: "p1", kind: "concern", destination: null, count: 2 },
  { session: "p1", kind: "referral", destination: "mash", count: 1 },
  { session: "p1", kind: "concern", destination: "school_dsl", count: 1 },
  { session: "p2", kind: "referral", destination: "sos_121", count: 3 },
  { session: "p2", kind: "referral", destination: "mace", count: 1 },
  { session: "t1", kind: "concern", destination: null, count: 6 },
  { session: "par1", kind: "referral", destination: "mash", count: 1 },
  { session: "x2", kind: "concern", destination: null, count: 2 },
  // Not counted: a cancelled session, another programme.
  { session: "x1", kind: "concern", destination: null, count: 4 },
  { session: "q1", kind: "referral", destination: "mash", count: 2 },
];

interface FxLearner {
  key: string;
  orgs: string[];
  steps: { module: "M1" | "M2"; at: string; lessons?: boolean; attempts?: ("pass" | "fail")[] }[];
}
const LEARNERS: FxLearner[] = [
  {
    key: "L1",
    orgs: ["V1"],
    steps: [
      { module: "M1", at: "2026-04-10T10:00:00Z", attempts: ["fail", "pass"] },
      { module: "M2", at: "2026-05-02T10:00:00Z", attempts: ["pass"] },
    ],
  },
  {
    key: "L2",
    orgs: ["V1"],
    steps: [{ module: "M1", at: "2026-05-01T10:00:00Z", attempts: ["fail"] }],
  },
  {
    key: "L3",
    orgs: ["V2"],
    steps: [
      { module: "M1", at: "2026-03-20T10:00:00Z", lessons: true },
      { module: "M1", at: "2026-04-05T10:00:00Z", attempts: ["pass"] },
    ],
  },
  {
    key: "L4",
    orgs: ["V1", "V2"],
    steps: [{ module: "M1", at: "2026-06-01T10:00:00Z", attempts: ["pass"] }],
  },
  {
    key: "L5",
    orgs: ["A"],
    steps: [{ module: "M1", at: "2026-05-05T10:00:00Z", attempts: ["fail", "fail", "pass"] }],
  },
  {
    key: "L6",
    orgs: ["MOMENTUM"],
    steps: [{ module: "M1", at: "2026-05-06T10:00:00Z", attempts: ["pass"] }],
  },
  { key: "L7", orgs: ["V3"], steps: [{ module: "M1", at: "2026-08-01T10:00:00Z", lessons: true }] },
  {
    key: "L8",
    orgs: ["V3"],
    steps: [{ module: "M2", at: "2026-04-15T10:00:00Z", attempts: ["fail"] }],
  },
];
const ORG_DISTRICT: Record<string, string> = {
  A: NORWICH,
  B: YARMOUTH,
  V1: NORWICH,
  V2: YARMOUTH,
  V3: BRECKLAND,
};
const ORG_AUDIENCE: Record<string, Audience> = {
  A: "teachers",
  B: "teachers",
  V1: "vcse_staff",
  V2: "vcse_staff",
  V3: "vcse_staff",
};

// ── The independent model ───────────────────────────────────────────────────

/** London day of a UTC instant (the fixture avoids midnight, so the UTC date in summer is +1 h only). */
function londonDay(iso: string) {
  return new Date(new Date(iso).getTime() + 3600_000).toISOString().slice(0, 10);
}
const inPeriod = (day: string, p: { from: string; to: string }) => day >= p.from && day <= p.to;

interface Fb {
  nb: number;
  sb: number;
  na: number;
  sa: number;
  np: number;
  sp: number;
}
function feedbackModel(p: { from: string; to: string }, pick: (s: FxSession) => boolean) {
  const ok = (name: string) => {
    const s = sessionOf(name);
    return s.programme === "P" && s.status === "delivered" && inPeriod(s.date, p) && pick(s);
  };
  const out = new Map<string, Fb>();
  const get = (item: string) =>
    out.get(item) ?? (out.set(item, { nb: 0, sb: 0, na: 0, sa: 0, np: 0, sp: 0 }), out.get(item)!);
  for (const a of ANSWERS) {
    if (!ok(a.session)) continue;
    if (a.stage === "before" && ITEM_KIND[a.item] !== "before_after") continue;
    const f = get(a.item);
    if (a.stage === "before") {
      f.nb++;
      f.sb += a.score;
      const after = ANSWERS.find(
        (x) => x.respondent === a.respondent && x.item === a.item && x.stage === "after",
      );
      if (after) {
        f.np++;
        f.sp += after.score - a.score;
      }
    } else {
      f.na++;
      f.sa += a.score;
    }
  }
  for (const t of TALLIES) {
    if (!ok(t.session)) continue;
    const f = get(t.item);
    if (t.stage === "before") {
      f.nb += t.count;
      f.sb += t.score * t.count;
    } else {
      f.na += t.count;
      f.sa += t.score * t.count;
    }
  }
  return out;
}
const r2 = (v: number) => Math.round(v * 100) / 100;

function safeguardingModel(p: { from: string; to: string }, pick: (s: FxSession) => boolean) {
  const rows = SAFEGUARDING.filter((r) => {
    const s = sessionOf(r.session);
    return s.programme === "P" && s.status !== "cancelled" && inPeriod(s.date, p) && pick(s);
  });
  const count = (f: (r: (typeof rows)[number], s: FxSession) => boolean) =>
    rows.filter((r) => f(r, sessionOf(r.session))).reduce((a, r) => a + r.count, 0);
  return { rows, count };
}

interface Enrolment {
  id: string;
  learner: FxLearner;
  module: string;
}
const enrolments: Enrolment[] = [];

/** Learners' figures from the fixture and getCompletion: distinct learners per group. */
async function learningModel(p: { from: string; to: string }, inScope: (org: string) => boolean) {
  const { getDb } = await import("~/db/db.server");
  const { getCompletion } = await import("~/learning/completion.server");
  const db = getDb();
  const facts: {
    learner: string;
    org: string;
    enrolled: boolean;
    completed: boolean;
    attempts: number;
    passes: number;
  }[] = [];
  for (const l of LEARNERS) {
    const mine = enrolments.filter((e) => e.learner === l);
    let enrolled = false;
    let completed = false;
    let attempts = 0;
    let passes = 0;
    for (const e of mine) {
      const row = await db
        .selectFrom("learning_enrolments")
        .select(["enrolled_at"])
        .where("id", "=", e.id)
        .executeTakeFirstOrThrow();
      if (inPeriod(londonDay(row.enrolled_at), p)) enrolled = true;
      // A completion is what getCompletion says it is.
      const c = await getCompletion(db, e.id);
      if (c && inPeriod(londonDay(c.completedAt), p)) completed = true;
    }
    for (const s of l.steps)
      for (const a of s.attempts ?? [])
        if (inPeriod(londonDay(s.at), p)) {
          attempts++;
          if (a === "pass") passes++;
        }
    for (const org of l.orgs)
      if (ORG_DISTRICT[org] && inScope(org) && (enrolled || completed || attempts))
        facts.push({ learner: l.key, org, enrolled, completed, attempts, passes });
  }
  const sum = (f: (x: (typeof facts)[number]) => boolean) => {
    const xs = facts.filter(f);
    const once = [...new Map(xs.map((x) => [x.learner, x])).values()];
    return {
      enrolled: once.filter((x) => x.enrolled).length,
      completed: once.filter((x) => x.completed).length,
      attempts: once.reduce((a, x) => a + x.attempts, 0),
      passes: once.reduce((a, x) => a + x.passes, 0),
      orgs: new Set(xs.filter((x) => x.enrolled).map((x) => x.org)).size,
    };
  };
  return { facts, sum };
}

// ── Reading the page and the CSVs ───────────────────────────────────────────

function figures(html: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /data-figure="([^"]+)"[^>]*>([\s\S]*?)<\/(td|p|span|strong)>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    out.set(
      m[1].replace(/&amp;/g, "&"),
      m[2]
        .replace(/<!--.*?-->/g, "")
        .replace(/<[^>]+>/g, "")
        .trim(),
    );
  }
  return out;
}
function num(figs: Map<string, string>, key: string): number | null {
  const v = figs.get(key);
  if (v === undefined) throw new Error(`no figure ${key} on the page`);
  if (v === "–") return null;
  return Number(v.replace(/[,%]/g, ""));
}
async function page(c: Client, query: string) {
  const res = await c.get(`/reports?${query}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  return { figs: figures(html), html };
}
async function outcomesPage(c: Client, query: string) {
  const res = await c.get(`/reports/outcomes?${query}`);
  expect(res.status).toBe(200);
  return figures(await res.text());
}
async function csvOf(res: Response): Promise<string[][]> {
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3)));
}

function expectFeedback(
  figs: Map<string, string>,
  table: string,
  rowKey: string,
  f: Fb | undefined,
) {
  const e = f ?? { nb: 0, sb: 0, na: 0, sa: 0, np: 0, sp: 0 };
  const at = (col: string) => num(figs, `${table}:${rowKey}:${col}`);
  // A satisfaction question is asked only after: nothing before and nothing paired, shown as "–".
  const asked = ITEM_KIND[rowKey.split(":")[0]] === "before_after";
  expect(at("answers_before"), `${table} ${rowKey} before`).toBe(asked ? e.nb : null);
  expect(at("answers_after"), `${table} ${rowKey} after`).toBe(e.na);
  expect(at("mean_before"), `${table} ${rowKey} mean before`).toBe(e.nb ? r2(e.sb / e.nb) : null);
  expect(at("mean_after"), `${table} ${rowKey} mean after`).toBe(e.na ? r2(e.sa / e.na) : null);
  expect(at("change"), `${table} ${rowKey} change`).toBe(
    e.nb && e.na ? r2(e.sa / e.na - e.sb / e.nb) : null,
  );
  expect(at("pairs"), `${table} ${rowKey} pairs`).toBe(asked ? e.np : null);
  expect(at("paired_change"), `${table} ${rowKey} paired`).toBe(e.np ? r2(e.sp / e.np) : null);
}

beforeAll(async () => {
  server = await startTestServer();
  const { clock } = await import("~/utils/clock.server");
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const { insertModule, progressLearner } = await import("~/learning/seed.server");
  const { londonToUtc } = await import("~/utils/dates");
  const db = getDb();
  clock.freeze(new Date("2026-01-05T09:00:00Z"));
  const partner = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "St Giles Trust",
  });
  ids.MOMENTUM = await insertOrganisation(db, { kind: "delivery_partner", name: "Momentum" });
  ids.A = await insertOrganisation(db, {
    kind: "setting",
    name: "Alder High School",
    districtId: NORWICH,
    urn: "770001",
  });
  ids.B = await insertOrganisation(db, {
    kind: "setting",
    name: "Beacon Academy",
    districtId: YARMOUTH,
    urn: "770002",
  });
  ids.V1 = await insertOrganisation(db, {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: NORWICH,
  });
  ids.V2 = await insertOrganisation(db, {
    kind: "vcse",
    name: "Yarmouth Youth Club",
    districtId: YARMOUTH,
  });
  ids.V3 = await insertOrganisation(db, {
    kind: "vcse",
    name: "Breckland Boxing",
    districtId: BRECKLAND,
  });
  ids.lead = await insertUser(db, {
    email: "lead@example.org",
    name: "Lead",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead", safeguardingCleared: true }],
  });
  await insertUser(db, {
    email: "school@example.org",
    name: "Coordinator",
    password: PASSWORD,
    memberships: [{ organisationId: ids.A, role: "school_coordinator" }],
  });
  await insertUser(db, {
    email: "school-dsl@example.org",
    name: "Cleared Coordinator",
    password: PASSWORD,
    memberships: [{ organisationId: ids.A, role: "school_coordinator", safeguardingCleared: true }],
  });
  await insertUser(db, {
    email: "manager@example.org",
    name: "Manager",
    password: PASSWORD,
    memberships: [{ organisationId: ids.V1, role: "organisation_manager" }],
  });
  const author = await insertUser(db, {
    email: "author@example.org",
    name: "Author",
    password: PASSWORD,
    memberships: [{ organisationId: ids.MOMENTUM, role: "content_author" }],
  });

  const b = new DeliveryBatch();
  ids.P = b.programme({
    name: "Both programmes in one",
    startsOn: ALL.from,
    endsOn: ALL.to,
    targets: [
      { audience: "pupils", sessions: 120, people: 8600 },
      { audience: "vcse_staff", sessions: 36, people: 540 },
    ],
  });
  ids.Q = b.programme({
    name: "Other programme",
    startsOn: "2026-01-01",
    endsOn: "2026-12-31",
    targets: [],
  });
  const offering: Record<string, string> = {};
  // P works with VCSE staff (so its dashboard counts e-learning); Q does not.
  for (const p of ["P", "Q"] as const)
    for (const a of p === "P"
      ? (["pupils", "teachers", "parents", "vcse_staff"] as const)
      : (["pupils", "teachers", "parents"] as const))
      offering[`${p}${a}`] = b.offering({
        programmeId: ids[p],
        title: `${p} ${a}`,
        audience: a,
        format: a === "pupils" ? "assembly" : "community_session",
      });
  for (const s of SESSIONS) {
    ids[s.name] = b.session({
      programmeId: ids[s.programme],
      offeringId: offering[`${s.programme}${s.audience}`],
      settingId: s.setting ? ids[s.setting] : null,
      districtId: s.district,
      startsAt: londonToUtc(s.date, "10:00").toISOString(),
      status: s.status,
    });
  }
  for (const r of Object.values(respondents))
    b.feedback({
      sessionId: ids[r.session],
      questionnaireId: r.questionnaire,
      before: r.before,
      after: r.after,
      texts: r.texts,
    });
  for (const t of TALLIES)
    b.tally({
      sessionId: ids[t.session],
      itemId: t.item,
      stage: t.stage,
      score: t.score,
      count: t.count,
    });
  for (const r of SAFEGUARDING)
    for (let i = 0; i < r.count; i++)
      b.safeguarding({
        sessionId: ids[r.session],
        kind: r.kind,
        destination: r.destination,
        recordedBy: ids.lead,
      });
  await b.write(db);

  // E-learning through the learning capability's own functions, at the fixture's times.
  const spec = (title: string) => ({
    details: {
      title,
      summary: title,
      audience: "VCSE staff",
      estimatedMinutes: 20,
      contentNote: null,
      passMark: 75,
    },
    lessons: [
      { title: "One", body: "First lesson." },
      { title: "Two", body: "Second lesson." },
    ],
    questions: [1, 2, 3, 4].map((q) => ({
      prompt: `Question ${q}`,
      kind: "single" as const,
      options: [
        { text: "Right", correct: true, feedback: "Yes." },
        { text: "Wrong", correct: false, feedback: "No." },
      ],
    })),
  });
  const modules = {
    M1: (await insertModule(db, author, spec("Recognising exploitation"))).moduleId,
    M2: (await insertModule(db, author, spec("Responding and referring"))).moduleId,
  };
  for (const l of LEARNERS) {
    ids[l.key] = await insertUser(db, {
      email: `${l.key.toLowerCase()}@example.org`,
      name: `Learner ${l.key}`,
      memberships: l.orgs.map((o) => ({ organisationId: ids[o], role: "learner" as const })),
    });
    for (const s of l.steps) {
      clock.freeze(new Date(s.at));
      await progressLearner(db, ids[l.key], modules[s.module], {
        lessonsRead: 99,
        attempts: s.attempts,
      });
    }
    for (const m of ["M1", "M2"] as const) {
      const e = await db
        .selectFrom("learning_enrolments")
        .select("id")
        .where("user_id", "=", ids[l.key])
        .where("module_id", "=", modules[m])
        .executeTakeFirst();
      if (e) enrolments.push({ id: e.id, learner: l, module: m });
    }
  }
  clock.freeze(new Date(`${TODAY}T12:00:00Z`));
});

afterAll(async () => {
  const { clock } = await import("~/utils/clock.server");
  clock.reset();
  await server?.close();
});

const STATEMENTS = Object.keys(ITEM_KIND);

describe("feedback outcomes on the dashboard", () => {
  it("shows each statement's answers, means, change and paired change, overall, by audience and by district, as the fixture says", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    for (const period of [ALL, Q1]) {
      const { figs: dash } = await page(c, `programme=${ids.P}&period=${period.value}`);
      const detail = await outcomesPage(c, `programme=${ids.P}&period=${period.value}`);
      // The dashboard has feedback by audience, the detail page by district.
      const figs = new Map([...dash, ...detail]);
      expect([...dash.keys()].some((k) => k.startsWith("feedback-districts:"))).toBe(false);
      const all = feedbackModel(period, () => true);
      // Hand-checked anchors, so the model itself is checked too: p1 online (6 + 1) and paper (15) before.
      if (period === Q1) {
        expect(all.get("q-pupil-1")!.nb).toBe(6 + 1 + 15 + 3);
        expect(all.get("q-pupil-1")!.np).toBe(6 + 3);
        expect(all.get("q-pupil-4")!.nb).toBe(0);
        expect(all.has("q-standard-1")).toBe(true);
      }
      for (const item of STATEMENTS) {
        if (!all.get(item)) {
          expect(figs.has(`feedback-audiences:${item}:all:answers_before`)).toBe(false);
          continue;
        }
        expectFeedback(figs, "feedback-audiences", `${item}:all`, all.get(item));
        expectFeedback(figs, "feedback-districts", `${item}:all`, all.get(item));
        for (const a of ["pupils", "teachers", "parents", "vcse_staff"] as const) {
          const m = feedbackModel(period, (s) => s.audience === a).get(item);
          if (m) expectFeedback(figs, "feedback-audiences", `${item}:${a}`, m);
          else expect(figs.has(`feedback-audiences:${item}:${a}:answers_before`)).toBe(false);
        }
        for (const d of [NORWICH, YARMOUTH, null]) {
          const m = feedbackModel(period, (s) => s.district === d).get(item);
          if (m) expectFeedback(figs, "feedback-districts", `${item}:${d ?? "none"}`, m);
        }
      }
    }
  });

  it("applies the district and audience filters and a school coordinator's scope, and tells an organisation manager why there is none", async () => {
    const lead = new Client(server.url);
    await lead.signIn("lead@example.org", PASSWORD);
    let { figs } = await page(lead, `programme=${ids.P}&district=${YARMOUTH}`);
    expectFeedback(
      figs,
      "feedback-audiences",
      "q-pupil-1:all",
      feedbackModel(ALL, (s) => s.district === YARMOUTH).get("q-pupil-1"),
    );
    expect(figs.has("feedback-audiences:q-standard-1:all:answers_before")).toBe(false);
    ({ figs } = await page(lead, `programme=${ids.P}&audience=teachers`));
    expectFeedback(
      figs,
      "feedback-audiences",
      "q-standard-1:all",
      feedbackModel(ALL, (s) => s.audience === "teachers").get("q-standard-1"),
    );
    expect(figs.has("feedback-audiences:q-pupil-1:all:answers_before")).toBe(false);

    const school = new Client(server.url);
    await school.signIn("school@example.org", PASSWORD);
    ({ figs } = await page(school, `programme=${ids.P}&district=${YARMOUTH}`));
    expect([...figs.keys()].some((k) => k.startsWith("feedback-"))).toBe(false);
    ({ figs } = await page(school, `programme=${ids.P}`));
    const schoolDetail = await outcomesPage(school, `programme=${ids.P}`);
    const mine = feedbackModel(ALL, (s) => s.setting === "A");
    for (const item of STATEMENTS) {
      if (mine.get(item)) expectFeedback(figs, "feedback-audiences", `${item}:all`, mine.get(item));
    }
    expect(schoolDetail.has("feedback-districts:q-pupil-1:E07000145:answers_before")).toBe(false);
    expect(num(schoolDetail, "feedback-districts:q-pupil-1:E07000148:answers_before")).toBe(
      mine.get("q-pupil-1")!.nb,
    );
    // p2 (Beacon Academy) is not the coordinator's: only Alder's pupils count.
    expect(num(figs, "feedback-audiences:q-pupil-1:all:answers_before")).toBe(
      mine.get("q-pupil-1")!.nb,
    );

    const manager = new Client(server.url);
    await manager.signIn("manager@example.org", PASSWORD);
    const res = await page(manager, `programme=${ids.P}`);
    expect(res.html).toContain("Feedback is anonymous and given at a session, not by organisation");
    expect([...res.figs.keys()].some((k) => k.startsWith("feedback-"))).toBe(false);
    expect((await manager.get(`/reports/csv/feedback-audiences?programme=${ids.P}`)).status).toBe(
      404,
    );
  });
});

describe("e-learning reach on the dashboard", () => {
  it("shows organisations reached, learners enrolled and completed, attempts, passes and pass rates, by district and organisation, agreeing with getCompletion", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    for (const period of [ALL, Q1]) {
      const { figs } = await page(c, `programme=${ids.P}&period=${period.value}`);
      const detail = await outcomesPage(c, `programme=${ids.P}&period=${period.value}`);
      const { sum } = await learningModel(period, () => true);
      const total = sum(() => true);
      if (period === Q1) {
        // Anchors: L1 (two modules, once), L2, L4, L5, L8 enrolled; L1, L3 (enrolled in March), L4, L5 completed;
        // L6 is Momentum's own staff and L7 started in August: neither counts.
        expect(total).toEqual({
          enrolled: 5,
          completed: 4,
          attempts: 3 + 1 + 1 + 1 + 3 + 1,
          passes: 2 + 0 + 1 + 1 + 1 + 0,
          orgs: 4,
        });
      }
      const check = (
        row: string,
        e: ReturnType<typeof sum>,
        withOrgs: boolean,
        on = figs,
        table = "learning-districts",
      ) => {
        expect(num(on, `${table}:${row}:enrolled`), `${row} enrolled`).toBe(e.enrolled);
        expect(num(on, `${table}:${row}:completed`), `${row} completed`).toBe(e.completed);
        expect(num(on, `${table}:${row}:attempts`), `${row} attempts`).toBe(e.attempts);
        expect(num(on, `${table}:${row}:passes`), `${row} passes`).toBe(e.passes);
        expect(num(on, `${table}:${row}:pass_percent`), `${row} rate`).toBe(
          e.attempts ? Math.round((e.passes * 100) / e.attempts) : null,
        );
        if (withOrgs)
          expect(num(on, `${table}:${row}:organisations_reached`), `${row} orgs`).toBe(e.orgs);
      };
      check("total", total, true);
      check("total", total, true, detail, "learning");
      expect(num(figs, "learning-headline:enrolled")).toBe(total.enrolled);
      expect(num(figs, "learning-headline:completed")).toBe(total.completed);
      expect(num(figs, "learning-headline:organisations")).toBe(total.orgs);
      for (const d of [NORWICH, YARMOUTH, BRECKLAND]) {
        check(
          `district:${d}`,
          sum((x) => ORG_DISTRICT[x.org] === d),
          true,
        );
        check(
          `district:${d}`,
          sum((x) => ORG_DISTRICT[x.org] === d),
          true,
          detail,
          "learning",
        );
      }
      for (const o of ["V1", "V2", "V3", "A"]) {
        const e = sum((x) => x.org === o);
        if (e.enrolled + e.completed + e.attempts) check(ids[o], e, false, detail, "learning");
        else expect(detail.has(`learning:${ids[o]}:enrolled`)).toBe(false);
      }
      expect(detail.has(`learning:${ids.MOMENTUM}:enrolled`)).toBe(false);
    }
  });

  it("keeps to a district, an audience and each viewer's own organisation or school", async () => {
    const lead = new Client(server.url);
    await lead.signIn("lead@example.org", PASSWORD);
    let { figs } = await page(lead, `programme=${ids.P}&district=${YARMOUTH}`);
    let m = await learningModel(ALL, (o) => ORG_DISTRICT[o] === YARMOUTH);
    expect(num(figs, "learning-districts:total:enrolled")).toBe(m.sum(() => true).enrolled);
    expect(figs.has(`learning-districts:district:${NORWICH}:enrolled`)).toBe(false);
    ({ figs } = await page(lead, `programme=${ids.P}&audience=teachers`));
    m = await learningModel(ALL, (o) => ORG_AUDIENCE[o] === "teachers");
    expect(num(figs, "learning-districts:total:completed")).toBe(m.sum(() => true).completed);
    expect(num(figs, "learning-districts:total:completed")).toBe(1);

    const manager = new Client(server.url);
    await manager.signIn("manager@example.org", PASSWORD);
    ({ figs } = await page(manager, `programme=${ids.P}`));
    m = await learningModel(ALL, (o) => o === "V1");
    const mine = m.sum(() => true);
    expect(mine.enrolled).toBe(3);
    expect(num(figs, "learning-districts:total:enrolled")).toBe(mine.enrolled);
    expect(num(figs, "learning-districts:total:completed")).toBe(mine.completed);
    let detail = await outcomesPage(manager, `programme=${ids.P}`);
    expect(num(detail, `learning:${ids.V1}:enrolled`)).toBe(mine.enrolled);
    expect(detail.has(`learning:${ids.V2}:enrolled`)).toBe(false);

    const school = new Client(server.url);
    await school.signIn("school@example.org", PASSWORD);
    ({ figs } = await page(school, `programme=${ids.P}`));
    expect(num(figs, "learning-districts:total:enrolled")).toBe(1);
    detail = await outcomesPage(school, `programme=${ids.P}`);
    expect(num(detail, `learning:${ids.A}:completed`)).toBe(1);
    expect(detail.has(`learning:${ids.V1}:enrolled`)).toBe(false);
  });

  it("is not counted on a programme that does not work with VCSE staff", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    const { html, figs } = await page(c, `programme=${ids.Q}`);
    expect(html).toContain(
      "E-learning is part of the programmes that work with VCSE organisations",
    );
    expect(figs.has("learning-districts:total:enrolled")).toBe(false);
  });
});

describe("safeguarding counts on the dashboard", () => {
  it("counts concerns and referrals by who they were passed to and district, with no personal data", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    for (const period of [ALL, Q1]) {
      const { figs, html } = await page(c, `programme=${ids.P}&period=${period.value}`);
      const { count } = safeguardingModel(period, () => true);
      expect(num(figs, "safeguarding-headline:concerns")).toBe(count((r) => r.kind === "concern"));
      expect(num(figs, "safeguarding-headline:referrals")).toBe(
        count((r) => r.kind === "referral"),
      );
      expect(num(figs, "safeguarding:total:all")).toBe(count(() => true));
      for (const kind of ["concern", "referral"] as const)
        for (const dest of ["none", "sos_121", "school_dsl", "mash", "mace"]) {
          if (kind === "referral" && dest === "none") continue;
          const match = (r: { kind: string; destination: string | null }) =>
            r.kind === kind && (r.destination ?? "none") === dest;
          expect(num(figs, `safeguarding:${kind}:${dest}:all`), `${kind} ${dest}`).toBe(
            count(match),
          );
          for (const d of [NORWICH, YARMOUTH, BRECKLAND])
            expect(num(figs, `safeguarding:${kind}:${dest}:d_${d}`)).toBe(
              count((r, s) => match(r) && s.district === d),
            );
        }
      for (const d of [NORWICH, YARMOUTH])
        expect(num(figs, `safeguarding:total:d_${d}`)).toBe(count((_, s) => s.district === d));
      if (period === ALL) {
        expect(num(figs, "safeguarding:total:all")).toBe(2 + 1 + 1 + 3 + 1 + 6 + 1 + 2);
        expect(num(figs, "safeguarding:total:d_none")).toBe(1);
      }
      // Counts only: the fixture's initials never reach the page.
      expect(html.includes(">AB<")).toBe(false);
    }
  });

  it("gives an uncleared school coordinator no safeguarding counts, on the page or as CSV, whatever the filters (issue 11, finding 6)", async () => {
    const school = new Client(server.url);
    await school.signIn("school@example.org", PASSWORD);
    for (const query of [
      `programme=${ids.P}`,
      `programme=${ids.P}&audience=pupils`,
      `programme=${ids.P}&period=${Q1.value}&audience=pupils`,
    ]) {
      const res = await page(school, query);
      expect(res.html).toContain(
        "Safeguarding counts are shown only to staff with safeguarding clearance.",
      );
      expect([...res.figs.keys()].filter((k) => k.startsWith("safeguarding"))).toEqual([]);
      expect((await school.get(`/reports/csv/safeguarding?${query}`)).status).toBe(404);
    }
  });

  it("gives a safeguarding-cleared school coordinator their school's counts and an organisation manager none", async () => {
    const school = new Client(server.url);
    await school.signIn("school-dsl@example.org", PASSWORD);
    const { figs } = await page(school, `programme=${ids.P}`);
    const { count } = safeguardingModel(ALL, (s) => s.setting === "A");
    expect(num(figs, "safeguarding:total:all")).toBe(count(() => true));
    expect(num(figs, "safeguarding:total:all")).toBe(2 + 1 + 1 + 6);
    const manager = new Client(server.url);
    await manager.signIn("manager@example.org", PASSWORD);
    const res = await page(manager, `programme=${ids.P}`);
    expect(res.html).toContain("Safeguarding concerns are recorded at sessions");
    expect(res.figs.has("safeguarding:total:all")).toBe(false);
    expect((await manager.get(`/reports/csv/safeguarding?programme=${ids.P}`)).status).toBe(404);
  });
});

describe("outcome CSVs", () => {
  it("have the page's totals for the same filters, and a count of 1 to 4 reads 'fewer than 5' with its mean withheld", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    for (const query of [
      `programme=${ids.P}`,
      `programme=${ids.P}&period=${Q1.value}`,
      `programme=${ids.P}&district=${NORWICH}`,
    ]) {
      const { figs } = await page(c, query);
      const fb = await csvOf(await c.get(`/reports/csv/feedback-audiences?${query}`));
      const h = fb[0];
      for (const item of ["q-pupil-1", "q-standard-1"]) {
        const row = fb.find(
          (r) =>
            r[1] === "All audiences" &&
            r[0] ===
              (item === "q-pupil-1"
                ? "I know what criminal exploitation is"
                : "I can recognise the signs of child criminal exploitation"),
        );
        if (!figs.has(`feedback-audiences:${item}:all:answers_before`)) continue;
        expect(Number(row![h.indexOf("Answers before")])).toBe(
          num(figs, `feedback-audiences:${item}:all:answers_before`),
        );
        expect(Number(row![h.indexOf("Mean after (out of 5)")])).toBe(
          num(figs, `feedback-audiences:${item}:all:mean_after`),
        );
      }
      const lr = await csvOf(await c.get(`/reports/csv/learning?${query}`));
      const lt = lr.at(-1)!;
      expect(lt.slice(0, 2)).toEqual(["All districts", "All organisations"]);
      for (const [label, key] of [
        ["Organisations reached", "organisations_reached"],
        ["Learners enrolled", "enrolled"],
        ["Learners completed", "completed"],
      ]) {
        const v = lt[lr[0].indexOf(label)];
        const pageValue = num(figs, `learning-districts:total:${key}`)!;
        if (pageValue >= 1 && pageValue <= 4 && key !== "organisations_reached")
          expect(v).toBe("fewer than 5");
        else expect(Number(v), `${query} ${label}`).toBe(pageValue);
      }
      // The dashboard's table by district and the detail page's subtotals hide the same figures.
      const ld = await csvOf(await c.get(`/reports/csv/learning-districts?${query}`));
      for (const r of ld.slice(1, -1)) {
        const sub = lr.find((x) => x[0] === r[0] && x[1] === "All organisations")!;
        expect(sub.slice(2), `${query} ${r[0]}`).toEqual(r.slice(1));
      }
      expect(lt.slice(2)).toEqual(ld.at(-1)!.slice(1));
      const sg = await csvOf(await c.get(`/reports/csv/safeguarding?${query}`));
      expect(Number(sg.at(-1)![sg[0].indexOf("All districts")])).toBe(
        num(figs, "safeguarding:total:all"),
      );
    }

    // Great Yarmouth's three pupils at p2: "fewer than 5" in the district table, and their mean withheld.
    const fd = await csvOf(await c.get(`/reports/csv/feedback-districts?programme=${ids.P}`));
    const h = fd[0];
    const gy = fd.find(
      (r) => r[0] === "I know what criminal exploitation is" && r[1] === "Great Yarmouth",
    )!;
    expect(gy[h.indexOf("Answers before")]).toBe("fewer than 5");
    expect(gy[h.indexOf("Mean before (out of 5)")]).toBe("withheld");
    expect(gy[h.indexOf("Change in mean")]).toBe("withheld");
    // And it cannot be worked out from the statement's total: another district's count is withheld too.
    const group = fd.filter(
      (r) => r[0] === "I know what criminal exploitation is" && r[1] !== "All districts",
    );
    expect(
      group.filter((r) => !/^\d+$/.test(r[h.indexOf("Answers before")])).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it("suppresses safeguarding counts so that no hidden cell can be recovered from the totals", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    const { figs } = await page(c, `programme=${ids.P}`);
    const rows = await csvOf(await c.get(`/reports/csv/safeguarding?programme=${ids.P}`));
    const header = rows[0];
    const body = rows.slice(1, -1);
    const total = rows.at(-1)!;
    const districtCols = header.slice(1, -1);
    const colKey = (label: string) =>
      label === "No district (online)"
        ? "d_none"
        : `d_${{ Breckland: "E07000143", Broadland: "E07000144", "Great Yarmouth": YARMOUTH, "King's Lynn and West Norfolk": "E07000146", "North Norfolk": "E07000147", Norwich: NORWICH, "South Norfolk": "E07000149" }[label]}`;
    const rowKeys = [
      "concern:none",
      "concern:sos_121",
      "concern:school_dsl",
      "concern:mash",
      "concern:mace",
      "referral:sos_121",
      "referral:school_dsl",
      "referral:mash",
      "referral:mace",
    ];
    const shown = (s: string) =>
      /^\d+$/.test(s) ? { kind: "value" as const, value: Number(s) } : { kind: "primary" as const };
    const t = {
      cells: rowKeys.map((k) =>
        districtCols.map((d) => num(figs, `safeguarding:${k}:${colKey(d)}`)!),
      ),
      rowTotals: rowKeys.map((k) => num(figs, `safeguarding:${k}:all`)!),
      colTotals: districtCols.map((d) => num(figs, `safeguarding:total:${colKey(d)}`)!),
      grand: num(figs, "safeguarding:total:all")!,
    };
    const s = {
      cells: body.map((r) => r.slice(1, -1).map(shown)),
      rowTotals: body.map((r) => shown(r.at(-1)!)),
      colTotals: total.slice(1, -1).map(shown),
      grand: shown(total.at(-1)!),
    };
    expect(body.map((r) => r[0])).toHaveLength(rowKeys.length);
    // Three referrals to SOS+ 1-2-1 in Great Yarmouth. Its figures come from two sessions (p2, and
    // x2 which is held but not yet delivered), fewer than MIN_SESSIONS_PER_CELL, so every Great
    // Yarmouth figure is withheld, zeros too (decision 072) — "fewer than 5" beside zeros told a
    // reader that pupils at one of two known sessions had been referred.
    expect(body[5][1 + districtCols.indexOf("Great Yarmouth")]).toBe("withheld");
    expect(
      body.map((r) => r[1 + districtCols.indexOf("Great Yarmouth")]).every((v) => v === "withheld"),
    ).toBe(true);
    expect(recoverable(t, s)).toEqual([]);
    body.forEach((r, i) =>
      r.slice(1, -1).forEach((v, j) => /^\d+$/.test(v) && expect(Number(v)).toBe(t.cells[i][j])),
    );
  });
});

describe("the quarterly monitoring return's outcomes", () => {
  it("carries feedback, e-learning and safeguarding for the quarter in the CSV, suppressed as in the dashboard's exports", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    const rows = await csvOf(
      await c.get(`/reports/return/csv?programme=${ids.P}&quarter=${Q1.value}`),
    );
    const body = rows.slice(1);
    const find = (section: string, measure: string, audience: string, district: string) =>
      body.filter(
        (r) => r[0] === section && r[1] === measure && r[2] === audience && r[3] === district,
      );
    const fb = feedbackModel(Q1, () => true).get("q-standard-1")!;
    const [meanAfter] = find(
      "outcomes: feedback",
      "mean after (out of 5): I can recognise the signs of child criminal exploitation",
      "All audiences",
      "All districts",
    );
    expect(Number(meanAfter[7])).toBe(r2(fb.sa / fb.na));
    expect([meanAfter[5], meanAfter[6]]).toEqual([Q1.from, Q1.to]);
    const [teachers] = find(
      "outcomes: feedback",
      "answers before: I can recognise the signs of child criminal exploitation",
      "Teachers and school staff",
      "All districts",
    );
    expect(Number(teachers[7])).toBe(
      feedbackModel(Q1, (s) => s.audience === "teachers").get("q-standard-1")!.nb,
    );
    const { sum } = await learningModel(Q1, () => true);
    const [completed] = find(
      "outcomes: e-learning",
      "learners completed",
      "VCSE and school staff",
      "All districts",
    );
    expect(completed[7]).toBe("fewer than 5"); // 4 learners
    expect(sum(() => true).completed).toBe(4);
    const [enrolled] = find(
      "outcomes: e-learning",
      "learners enrolled",
      "VCSE and school staff",
      "All districts",
    );
    expect(Number(enrolled[7])).toBe(sum(() => true).enrolled);
    const [reached] = find(
      "outcomes: e-learning",
      "organisations reached",
      "VCSE and school staff",
      "All districts",
    );
    expect(Number(reached[7])).toBe(sum(() => true).orgs);
    const { count } = safeguardingModel(Q1, () => true);
    const [sgAll] = find(
      "outcomes: safeguarding",
      "all concerns and referrals",
      "All audiences",
      "All districts",
    );
    expect(Number(sgAll[7])).toBe(count(() => true));
    const [concernsNorwich] = find(
      "outcomes: safeguarding",
      "Concern, not passed on",
      "All audiences",
      "Norwich",
    );
    // 8, or withheld to protect the smaller counts beside it.
    expect([
      String(
        count((r, s) => r.kind === "concern" && r.destination === null && s.district === NORWICH),
      ),
      "withheld",
    ]).toContain(concernsNorwich[7]);
    // Every outcome figure in the return is the dashboard export's figure for the same quarter.
    const sg = await csvOf(
      await c.get(`/reports/csv/safeguarding?programme=${ids.P}&period=${Q1.value}`),
    );
    for (const r of sg.slice(1)) {
      const label = r[0] === "All concerns and referrals" ? "all concerns and referrals" : r[0];
      sg[0]
        .slice(1)
        .forEach((district, j) =>
          expect(
            find("outcomes: safeguarding", label, "All audiences", district)[0]?.[7],
            `${label} ${district}`,
          ).toBe(r[j + 1]),
        );
    }
  });

  it("prints the outcomes in the PDF, drawn by the worker pool", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    const res = await c.get(`/reports/return/pdf?programme=${ids.P}&quarter=${Q1.value}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await res.arrayBuffer());
    const { execFileSync } = await import("node:child_process");
    const fs = await import("node:fs");
    const file = `${server.dir}/return-outcomes.pdf`;
    fs.writeFileSync(file, bytes);
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString().replace(/\s+/g, " ");
    expect(text).toContain("Feedback by statement and audience");
    expect(text).toContain("Feedback by statement and district");
    expect(text).toContain("I know what criminal");
    expect(text).toContain("E-learning by district");
    expect(text).toContain("Safeguarding concerns and referrals");
    expect(text).toContain("fewer than 5");
    expect(text).toContain("withheld");
    const { getPdfPool } = await import("~/pdf/pool.server");
    expect(getPdfPool().completed).toBeGreaterThanOrEqual(1);
  });
});

// Last: it adds answers to the fixture.
describe("feedback sums kept per session", () => {
  it("are never stale: an answer given after the dashboard was read counts at the next read, and paper tallies count at once", async () => {
    const c = new Client(server.url);
    await c.signIn("lead@example.org", PASSWORD);
    const query = `programme=${ids.P}&period=${Q1.value}`;
    const before = (await page(c, query)).figs;
    const n0 = num(before, "feedback-audiences:q-standard-1:vcse_staff:answers_before")!;
    const p0 = num(before, "feedback-audiences:q-standard-1:vcse_staff:pairs")!;
    // Someone at the VCSE session answers online, through the feedback capability, before and after.
    const { clock } = await import("~/utils/clock.server");
    const { getDb } = await import("~/db/db.server");
    const { ensureFeedbackLink, feedbackForm, submitAnswers, newRespondentCode, saveTallies } =
      await import("~/feedback/responses.server");
    const db = getDb();
    clock.freeze(new Date("2026-05-20T11:30:00Z"));
    try {
      const link = await ensureFeedbackLink(db, ids.v1);
      const form = (await feedbackForm(db, link!.token))!;
      expect(form.closed).toBe(false);
      const code = newRespondentCode();
      expect(
        await submitAnswers(db, {
          form,
          code,
          stage: "before",
          scores: { "q-standard-1": 1 },
          texts: {},
          ip: "192.0.2.1",
        }),
      ).toEqual({ ok: true });
      let figs = (await page(c, query)).figs;
      expect(num(figs, "feedback-audiences:q-standard-1:vcse_staff:answers_before")).toBe(n0 + 1);
      expect(
        await submitAnswers(db, {
          form,
          code,
          stage: "after",
          scores: { "q-standard-1": 5 },
          texts: {},
          ip: "192.0.2.1",
        }),
      ).toEqual({ ok: true });
      figs = (await page(c, query)).figs;
      expect(num(figs, "feedback-audiences:q-standard-1:vcse_staff:pairs")).toBe(p0 + 1);
      const fb = feedbackModel(Q1, (s) => s.audience === "vcse_staff").get("q-standard-1")!;
      expect(num(figs, "feedback-audiences:q-standard-1:vcse_staff:paired_change")).toBe(
        r2((fb.sp + 4) / (fb.np + 1)),
      );
      // Paper tallies are read as they are.
      await saveTallies(
        db,
        ids.v1,
        [{ itemId: "q-standard-1", stage: "after", score: 4, count: 3 }],
        ids.lead,
      );
      figs = (await page(c, query)).figs;
      expect(num(figs, "feedback-audiences:q-standard-1:vcse_staff:answers_after")).toBe(
        fb.na + 1 + 3,
      );
    } finally {
      clock.freeze(new Date(`${TODAY}T12:00:00Z`));
    }
    // The sums were redone for that session alone, from its new number of submissions.
    const row = await db
      .selectFrom("report_feedback_sessions")
      .select("submissions")
      .where("session_id", "=", ids.v1)
      .executeTakeFirstOrThrow();
    expect(row.submissions).toBe(7 * 2 + 2);
  });
});

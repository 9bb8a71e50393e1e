import http from "node:http";
import { parseWithZod } from "@conform-to/zod/v4";
import fc from "fast-check";
import { expect } from "vitest";
import type { z } from "zod";
import { nestDateParts } from "~/utils/date-input";
import { unsafeFieldNames } from "~/utils/forms.server";
import type { Client } from "./server";

// Hostile form bodies for property-based tests of form actions. zod 4 has no zod-fast-check, so
// the arbitraries are written by hand: each field of a form is missing, present once, or repeated,
// with a value that is ordinary, empty, enormous, oddly encoded, of the wrong type, or an
// injection payload; and extra fields (role, schoolId, __proto__…) are mixed in. The oracle is the
// route's own zod schema, run through Conform exactly as the server does: a body the schema refuses
// must get a 4xx and leave the database as it was; any body must never get a 5xx.
//
// Using it for a new form (see tests/integration/hostile-input.test.ts):
//
//   await assertSurvivesHostileInput({
//     client: () => signedInCoordinator,          // or () => new Client(server.url) for public forms
//     path: `/classes/${classId}/edit`,
//     schema: ClassSchema,                        // the same zod schema the action parses with
//     fields: [{ name: "name", valid: fc.constantFrom("7A", "Year 8 blue") }, { name: "pupils", valid: fc.integer({ min: 1, max: 40 }).map(String) }],
//     numRuns: 200,
//     volatileTables: [],                         // tables a refused body may still touch (besides audit_log, auth_throttle)
//   });

/** Values that have broken web apps before. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\t\n\r",
  "0",
  "-1",
  "-0",
  "1e309",
  "NaN",
  "Infinity",
  "99999999999999999999999999999",
  "-99999999999999999999999999999",
  "0x7fffffff",
  "2147483648",
  "9007199254740993",
  "3.14159",
  "true",
  "false",
  "null",
  "undefined",
  "[]",
  "{}",
  '{"__proto__":{"admin":true}}',
  "__proto__",
  "constructor",
  "prototype",
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '"; DELETE FROM sessions; --',
  "1; UPDATE memberships SET role='programme_lead'",
  "admin'--",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "<svg/onload=alert(1)>",
  "{{7*7}}",
  "${7*7}",
  "../../../../etc/passwd",
  "%00",
  "\u0000",
  "a\u0000b",
  "\u202Egnp.exe",
  "\u200B\u200C\u200D\uFEFF",
  "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035A",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "ﷺ",
  "\uD800",
  "İstanbul ǅ ß ﬁ",
  '=HYPERLINK("http://evil.example")',
  "+44 1603 000000",
  "@SUM(1+1)",
  "lead@example.org",
  "LEAD@EXAMPLE.ORG ",
  "a@b",
  "@example.org",
  "x".repeat(257),
  "correct horse battery staple",
];

export const EXTRA_FIELD_NAMES = [
  "role",
  "roles",
  "schoolId",
  "organisationId",
  "userId",
  "id",
  "isAdmin",
  "admin",
  "safeguardingCleared",
  "twoFactorVerified",
  "__proto__",
  "constructor",
  "prototype",
  "__proto__.admin",
  "constructor.prototype.admin",
  "role[]",
  "role[0]",
  "a..b",
  "x]",
  "[0]",
  "intent",
  "",
];

/** Any string: ordinary, enormous, odd Unicode, nasty, numeric. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 300, max: 100_000 })
      .chain((n) => fc.constantFrom("a", "é", "😀", "<", "'").map((c) => c.repeat(n))),
  },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  { weight: 1, arbitrary: fc.emailAddress() },
);

export interface FieldSpec {
  name: string;
  /** Plausible values for this field (so some bodies pass the schema and reach the capability). */
  valid?: fc.Arbitrary<string>;
  /**
   * A part of one value written in several fields (a date's day, month and year): plausible bodies
   * draw the whole value once and give every part of it, or leave all of them out, as a person
   * would; hostile bodies still draw each part on its own.
   */
  partOf?: { key: string; whole: fc.Arbitrary<string>; part: (whole: string) => string };
}

export type Body = [string, string][];

/**
 * A GOV.UK date input's three fields (`name-day`, `-month`, `-year`), each drawn from the parts of
 * `days` (YYYY-MM-DD, or near misses): drawn apart, they also make days that do not exist.
 */
export function dateFieldSpecs(name: string, days: fc.Arbitrary<string>): FieldSpec[] {
  const part = (i: number) => (d: string) => {
    const p = d.split("-")[i];
    return p === undefined ? d : String(Number(p));
  };
  const of = (i: number) => ({ key: name, whole: days, part: part(i) });
  return [
    { name: `${name}-day`, valid: days.map(part(2)), partOf: of(2) },
    { name: `${name}-month`, valid: days.map(part(1)), partOf: of(1) },
    { name: `${name}-year`, valid: days.map(part(0)), partOf: of(0) },
  ];
}

/** A form body: each field missing, once, or repeated; values plausible or hostile; extra fields. */
export function hostileBody(fields: FieldSpec[], plausibleShare = 0): fc.Arbitrary<Body> {
  const hostile = hostileBodyOnly(fields);
  if (!plausibleShare) return hostile;
  // Mostly-valid bodies too (each field left out or given once with a plausible value, no extras),
  // so the capability behind the schema is reached often, not only the parser.
  // Values written in several fields (a date) are drawn whole, once a body: drawn apart, three
  // parts all present and forming a real day were too rare for a long form to be accepted at all.
  const groups = [
    ...new Map(fields.flatMap((f) => (f.partOf ? [[f.partOf.key, f.partOf.whole]] : []))),
  ] as [string, fc.Arbitrary<string>][];
  const plausible = fc
    .tuple(
      fc.tuple(...groups.map(([, whole]) => fc.option(whole, { freq: 5 }))),
      fc.tuple(
        ...fields.map((f) =>
          f.partOf
            ? fc.constant(null)
            : fc.oneof(
                { weight: 1, arbitrary: fc.constant(null) },
                {
                  weight: 4,
                  arbitrary: (f.valid ?? hostileString).map((v) => [f.name, v] as [string, string]),
                },
              ),
        ),
      ),
    )
    .map(([wholes, parts]) => {
      const drawn = new Map(groups.map(([key], i) => [key, wholes[i]]));
      return fields.flatMap((f, i): Body => {
        if (!f.partOf) return parts[i] ? [parts[i]] : [];
        const whole = drawn.get(f.partOf.key);
        return whole === null || whole === undefined ? [] : [[f.name, f.partOf.part(whole)]];
      });
    });
  const weight = Math.round(plausibleShare * 100);
  return fc.oneof({ weight: 100 - weight, arbitrary: hostile }, { weight, arbitrary: plausible });
}

function hostileBodyOnly(fields: FieldSpec[]): fc.Arbitrary<Body> {
  const perField = fields.map((f) => {
    const value = f.valid
      ? fc.oneof({ weight: 2, arbitrary: f.valid }, { weight: 3, arbitrary: hostileString })
      : hostileString;
    return fc
      .oneof(
        { weight: 1, arbitrary: fc.constant([] as string[]) },
        { weight: 5, arbitrary: value.map((v) => [v]) },
        { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }) },
      )
      .map((values) => values.map((v) => [f.name, v] as [string, string]));
  });
  const extras = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...EXTRA_FIELD_NAMES), fc.string({ maxLength: 12 })),
      hostileString,
    ),
    { maxLength: 3 },
  );
  return fc.tuple(fc.tuple(...perField), extras, fc.boolean()).map(([parts, extra, shuffle]) => {
    const body = [...parts.flat(), ...extra] as Body;
    return shuffle ? body.reverse() : body;
  });
}

export function toFormData(body: Body): FormData {
  const fd = new FormData();
  for (const [k, v] of body) fd.append(k, v);
  return fd;
}

/** What the server's parser would say: true when the schema accepts the body. */
export function schemaAccepts(schema: z.ZodType, body: Body): boolean {
  try {
    const fd = toFormData(body);
    if (unsafeFieldNames(fd).length) return false;
    // As parseForm does: GOV.UK date inputs (`x-day`, `x-month`, `x-year`) reach the schema as `x`.
    return parseWithZod(nestDateParts(fd), { schema }).status === "success";
  } catch {
    return false;
  }
}

/**
 * A fingerprint of every table except the append-only logs (audit entries and throttle counters
 * are expected to grow on failed attempts): row counts and a digest of each table's content.
 */
export async function databaseFingerprint(
  ignore: string[] = ["audit_log", "auth_throttle", "kysely_migration", "kysely_migration_lock"],
) {
  const { getSqlite } = await import("~/db/db.server");
  const sqlite = getSqlite();
  const tables = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
    )
    .all() as { name: string }[];
  const out: Record<string, string> = {};
  const crypto = await import("node:crypto");
  for (const { name } of tables) {
    if (ignore.includes(name)) continue;
    const rows = sqlite.prepare(`select * from "${name}" order by rowid`).all();
    out[name] =
      `${rows.length}:${crypto.createHash("sha256").update(JSON.stringify(rows)).digest("hex").slice(0, 16)}`;
  }
  return out;
}

export interface HostileOptions {
  /** The client to post with (called before each run, so a test can sign in again if needed). */
  client: () => Client | Promise<Client>;
  path: string;
  schema: z.ZodType;
  fields: FieldSpec[];
  numRuns?: number;
  seed?: number;
  /** Called after a body the schema accepted, with the answer (e.g. to restore state). */
  afterValid?: (res: Response, body: Body) => Promise<void>;
  /** Tables allowed to change even when the body is refused (besides the audit log and throttle). */
  volatileTables?: string[];
  /**
   * For actions with more than one schema (a branch taken before parsing, a field the route
   * removes first): whether the server should accept this body. Defaults to the schema's answer.
   */
  accepts?: (body: Body) => boolean;
  /** Share (0–1) of bodies made only of plausible values, no extras (default 0: all hostile). */
  plausibleShare?: number;
  /** Send the body as the query string of a GET instead of a form POST (loaders' filters). */
  method?: "GET" | "POST";
}

export interface HostileReport {
  runs: number;
  refused: number;
  accepted: number;
  statuses: Record<number, number>;
}

/**
 * Rows inserted, changed or deleted on the process's one SQLite connection since it opened (the
 * server under test shares it: tests/support/server.ts runs it in this process). When the count has
 * not moved, nothing was written, so a fingerprint taken before still holds: this spares hashing
 * every table twice per request.
 */
async function totalChanges(): Promise<number> {
  const { getSqlite } = await import("~/db/db.server");
  return (getSqlite().prepare("select total_changes() as n").get() as { n: number }).n;
}

/** Posts ≥200 hostile bodies to a route and checks each answer and the database after it. */
export async function assertSurvivesHostileInput(opts: HostileOptions): Promise<HostileReport> {
  const report: HostileReport = { runs: 0, refused: 0, accepted: 0, statuses: {} };
  const ignore = [
    "audit_log",
    "auth_throttle",
    "kysely_migration",
    "kysely_migration_lock",
    ...(opts.volatileTables ?? []),
  ];
  let cached: { changes: number; fingerprint: Record<string, string> } | null = null;
  const fingerprintNow = async () => {
    const changes = await totalChanges();
    if (cached?.changes !== changes)
      cached = { changes, fingerprint: await databaseFingerprint(ignore) };
    return cached.fingerprint;
  };
  await fc.assert(
    fc.asyncProperty(hostileBody(opts.fields, opts.plausibleShare), async (body) => {
      const client = await opts.client();
      const params = new URLSearchParams();
      for (const [k, v] of body) params.append(k, v);
      // Judge the body as the server will receive it (lone surrogates become U+FFFD on the wire).
      const received = [...new URLSearchParams(params.toString()).entries()] as Body;
      const accepts = opts.accepts ? opts.accepts(received) : schemaAccepts(opts.schema, received);
      const before = accepts ? null : await fingerprintNow();
      const res =
        opts.method === "GET"
          ? await client.get(`${opts.path}${opts.path.includes("?") ? "&" : "?"}${params}`)
          : await client.post(opts.path, params);
      await res.arrayBuffer();
      report.runs++;
      report.statuses[res.status] = (report.statuses[res.status] ?? 0) + 1;
      const shown =
        JSON.stringify(body).slice(0, 300) +
        (res.headers.get("location") ? ` (answered → ${res.headers.get("location")})` : "");
      expect(
        res.status,
        `${opts.method ?? "POST"} ${opts.path} with ${shown}: a server error`,
      ).toBeLessThan(500);
      if (!accepts) {
        report.refused++;
        expect(
          res.status,
          `POST ${opts.path} with ${shown}: the schema refuses this body, so 4xx`,
        ).toBeGreaterThanOrEqual(400);
        const after = await fingerprintNow();
        const changed = Object.keys({ ...before, ...after }).filter((t) => before![t] !== after[t]);
        expect(
          changed,
          `${opts.method ?? "POST"} ${opts.path} with ${shown} changed these tables`,
        ).toEqual([]);
      } else {
        report.accepted++;
        await opts.afterValid?.(res, body);
      }
    }),
    { numRuns: opts.numRuns ?? 200, seed: opts.seed, endOnFailure: true },
  );
  return report;
}

// ─── Attacks at the request edge (issue 11, findings 1, 2, 3 and 13) ─────────────────────────────
// Raw HTTP (node:http), because fetch will not send a forged Host or a body without its length.

export interface RawAnswer {
  status: number;
  text: string;
}

/** One raw request; `body` as a string or an iterable of chunks (then sent chunked, with no length). */
export function rawRequest(
  base: string,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Iterable<Buffer>;
  },
): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    let answered = false;
    const headers: Record<string, string> = { ...options.headers };
    if (typeof options.body === "string")
      headers["content-length"] = String(Buffer.byteLength(options.body));
    else if (options.body) headers["transfer-encoding"] = "chunked";
    const req = http.request(
      { host: url.hostname, port: url.port, path: options.path, method: options.method, headers },
      (res) => {
        answered = true;
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (typeof options.body === "string") req.end(options.body);
    else if (options.body) {
      const chunks = options.body[Symbol.iterator]();
      const pump = () => {
        for (let next = chunks.next(); !next.done; next = chunks.next()) {
          if (answered) return;
          if (!req.write(next.value)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    } else req.end();
  });
}

/** `size` bytes of form-like data in 64 KB chunks. */
export function* chunkedBody(size: number): Iterable<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  yield Buffer.from("email=");
  for (let sent = 0; sent < size; sent += chunk.length) yield chunk;
}

/** A field name nested `depth` deep, as `a[0][0]…` (it overflowed the form parser's stack). */
export function deepFieldName(depth: number) {
  return "a" + "[0]".repeat(depth);
}

/** Path encodings no URL of Lantern's has: truncated or invalid UTF-8 in percent-escapes. */
export const MALFORMED_PATH_SEGMENTS = ["%E0%A4%A", "%", "%zz", "%C0%AF", "%ED%A0%80", "%FF"];

/**
 * Every edge attack on one anonymous route: deep field names, malformed path encodings, chunked and
 * oversized bodies, forged Host and X-Forwarded-Host. None may get a 5xx; bodies over the limit get
 * 413; a forged Host gets 421. Returns the answers for the test's own assertions.
 */
export async function assertSurvivesEdgeAttacks(
  base: string,
  route: { path: string; post: boolean },
) {
  const origin = base;
  const form = { "content-type": "application/x-www-form-urlencoded", origin };
  const answers: Record<string, RawAnswer> = {};
  const check = (name: string, answer: RawAnswer) => {
    answers[name] = answer;
    expect(answer.status, `${name} on ${route.path}`).toBeGreaterThanOrEqual(200);
    expect(answer.status, `${name} on ${route.path}: ${answer.text.slice(0, 200)}`).toBeLessThan(
      500,
    );
  };
  for (const bad of MALFORMED_PATH_SEGMENTS) {
    const lastSegment = route.path.replace(/[^/]*$/, bad);
    check(
      `GET ${bad} as last segment`,
      await rawRequest(base, { method: "GET", path: lastSegment }),
    );
    check(
      `GET ${bad} appended`,
      await rawRequest(base, { method: "GET", path: `${route.path}/${bad}` }),
    );
  }
  check(
    "GET with a forged Host",
    await rawRequest(base, { method: "GET", path: route.path, headers: { host: "evil.example" } }),
  );
  expect(answers["GET with a forged Host"].status).toBe(421);
  check(
    "GET with a forged X-Forwarded-Host",
    await rawRequest(base, {
      method: "GET",
      path: route.path,
      headers: { "x-forwarded-host": "evil.example" },
    }),
  );
  if (!route.post) return answers;
  for (const depth of [50, 3000]) {
    check(
      `POST a field name ${depth} deep`,
      await rawRequest(base, {
        method: "POST",
        path: route.path,
        headers: form,
        body: `${deepFieldName(depth)}=1&email=a%40example.org`,
      }),
    );
    // 50 deep is a name no form has, but only a parser's problem past a point; 3000 deep must be refused.
    if (depth > 100)
      expect(answers[`POST a field name ${depth} deep`].status).toBeGreaterThanOrEqual(400);
  }
  check(
    "POST chunked, 2 MB",
    await rawRequest(base, {
      method: "POST",
      path: route.path,
      headers: form,
      body: chunkedBody(2 * 1024 * 1024),
    }),
  );
  expect(answers["POST chunked, 2 MB"].status).toBe(413);
  check(
    "POST declared 200 MB",
    await rawRequest(base, {
      method: "POST",
      path: route.path,
      headers: { ...form, "content-length": String(200 * 1024 * 1024) },
    }),
  );
  expect(answers["POST declared 200 MB"].status).toBe(413);
  check(
    "POST with a forged Host and matching Origin",
    await rawRequest(base, {
      method: "POST",
      path: route.path,
      headers: { ...form, host: "evil.example", origin: "http://evil.example" },
      body: "email=a%40example.org",
    }),
  );
  expect(answers["POST with a forged Host and matching Origin"].status).toBe(421);
  check(
    "POST whose X-Forwarded-Host differs from its Origin",
    await rawRequest(base, {
      method: "POST",
      path: route.path,
      headers: { ...form, "x-forwarded-host": "evil.example" },
      body: "email=a%40example.org",
    }),
  );
  return answers;
}

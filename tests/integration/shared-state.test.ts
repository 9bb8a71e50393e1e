import fs from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../support/password";
import { Client, startTestServer, type TestServer } from "../support/server";

// State several servers must share lives in the database (issue 14, item 3; decision 112), on
// either database: lesson images an older Lantern kept on disk are still served and are copied in;
// the request counts behind the rate limits are counted atomically in one table.
let server: TestServer;

async function db() {
  const { getDb } = await import("~/db/db.server");
  return getDb();
}

beforeAll(async () => {
  server = await startTestServer();
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const d = await db();
  const momentum = await insertOrganisation(d, { kind: "delivery_partner", name: "Momentum" });
  await insertUser(d, {
    email: "author@example.org",
    name: "Sam Lowe",
    password: PASSWORD,
    memberships: [{ organisationId: momentum, role: "content_author" }],
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("lesson images kept on disk by an older Lantern", () => {
  it("are still served, then copied into the database once, byte for byte", async () => {
    const picture = new PNG({ width: 2, height: 3 });
    picture.data.fill(33);
    const bytes = PNG.sync.write(picture);
    const id = "0b7c4a52-4f7e-4a34-9d7e-6c1f2a3b4c5d";
    // As Lantern stored images before stored_files: the row, and the file under DATA_DIR.
    fs.mkdirSync(path.join(server.dir, "learning-images"), { recursive: true });
    fs.writeFileSync(path.join(server.dir, "learning-images", id), bytes);
    const { createHash } = await import("node:crypto");
    const d = await db();
    await d
      .insertInto("learning_images")
      .values({
        id,
        content_type: "image/png",
        bytes: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        original_name: "old.png",
        uploaded_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const author = new Client(server.url);
    await author.signIn("author@example.org", PASSWORD);
    const before = await author.get(`/learning/images/${id}`);
    expect(before.status).toBe(200);
    expect(Buffer.from(await before.arrayBuffer()).equals(bytes)).toBe(true);

    const { copyDiskFilesIntoDatabase } = await import("~/storage/files.server");
    expect(await copyDiskFilesIntoDatabase(d)).toBe(1);
    expect(await copyDiskFilesIntoDatabase(d)).toBe(0);
    const stored = await d
      .selectFrom("stored_files")
      .select("bytes")
      .where("key", "=", `learning-images/${id}`)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.bytes).equals(bytes)).toBe(true);
    // Served from the database once the file is gone.
    fs.rmSync(path.join(server.dir, "learning-images", id));
    const after = await author.get(`/learning/images/${id}`);
    expect(after.status).toBe(200);
    expect(Buffer.from(await after.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe("the database rate-limit store", () => {
  async function store(prefix: string, windowMs = 60_000) {
    const { DatabaseRateLimitStore } = await import("~/server/rate-limit-store.server");
    const { getDb } = await import("~/db/db.server");
    const s = new DatabaseRateLimitStore(getDb, prefix);
    s.init({ windowMs } as Parameters<typeof s.init>[0]);
    return s;
  }

  it("counts simultaneous hits once each, per client and per limiter", async () => {
    const requests = await store("requests:");
    const forms = await store("forms:");
    const totals = await Promise.all(
      Array.from({ length: 40 }, () => requests.increment("198.51.100.7")),
    );
    expect(totals.map((t) => t.totalHits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect((await requests.get("198.51.100.7"))?.totalHits).toBe(40);
    expect((await requests.increment("198.51.100.8")).totalHits).toBe(1);
    expect((await forms.increment("198.51.100.7")).totalHits).toBe(1);
    await requests.decrement("198.51.100.7");
    expect((await requests.get("198.51.100.7"))?.totalHits).toBe(39);
    await requests.resetKey("198.51.100.7");
    expect(await requests.get("198.51.100.7")).toBeUndefined();
    expect((await forms.get("198.51.100.7"))?.totalHits).toBe(1);
  });

  it("starts a new window once the last one has ended", async () => {
    const quick = await store("quick:", 300);
    const first = await quick.increment("198.51.100.9");
    expect((await quick.increment("198.51.100.9")).totalHits).toBe(2);
    expect(first.resetTime!.getTime()).toBeGreaterThan(Date.now() - 50);
    await new Promise((r) => setTimeout(r, 400));
    expect(await quick.get("198.51.100.9")).toBeUndefined();
    const next = await quick.increment("198.51.100.9");
    expect(next.totalHits).toBe(1);
    expect(next.resetTime!.getTime()).toBeGreaterThan(first.resetTime!.getTime());
  });
});

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/server";

// Issue 16, item 5: static files are compressed once by the build and sent as files, in the
// encoding the browser prefers, never compressed again per request.

let server: TestServer;
let asset: string;

beforeAll(async () => {
  server = await startTestServer();
  const dir = path.resolve("build/client/assets");
  // The largest script: the one whose per-request compression cost the most.
  asset = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size)[0];
});

afterAll(async () => {
  await server?.close();
});

describe("precompressed static files", () => {
  it("has the build write brotli and gzip copies beside each script and stylesheet", () => {
    const dir = path.resolve("build/client/assets");
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => /\.(js|css)$/.test(f) && fs.statSync(path.join(dir, f)).size >= 1024)) {
      expect(fs.existsSync(path.join(dir, `${file}.br`)), file).toBe(true);
      expect(fs.existsSync(path.join(dir, `${file}.gz`)), file).toBe(true);
    }
  });

  it("sends brotli to a browser that accepts it, gzip to one that accepts only gzip, and the file itself otherwise", async () => {
    const original = fs.readFileSync(path.resolve("build/client/assets", asset));
    const client = new Client(server.url);
    const cases = [
      { accept: "gzip, deflate, br", encoding: "br" },
      { accept: "gzip", encoding: "gzip" },
      { accept: "identity", encoding: null },
    ];
    for (const { accept, encoding } of cases) {
      const res = await client.get(`/assets/${asset}`, { "accept-encoding": accept });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-encoding")).toBe(encoding);
      expect(res.headers.get("content-type")).toMatch(/javascript/);
      expect(res.headers.get("vary") ?? "").toMatch(/accept-encoding/i);
      expect(res.headers.get("cache-control")).toContain("immutable");
      // fetch undoes the encoding: what arrives is the file, byte for byte.
      expect(Buffer.from(await res.arrayBuffer()).equals(original)).toBe(true);
    }
  });

  it("sends what is on disk: the brotli answer is the precompressed file's length", async () => {
    const br = fs.statSync(path.resolve("build/client/assets", `${asset}.br`)).size;
    const res = await fetch(`${server.url}/assets/${asset}`, {
      headers: { "accept-encoding": "br" },
    });
    expect(res.headers.get("content-length")).toBe(String(br));
    await res.arrayBuffer();
  });

  it("still compresses pages as they are sent", async () => {
    const res = await new Client(server.url).get("/sessions/open", { "accept-encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(await res.text()).toContain("</html>");
  });
});

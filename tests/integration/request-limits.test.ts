import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

// Findings 1 and 2 of issue 11: an anonymous visitor could fill the server's memory with a chunked
// body (no Content-Length, so the declared-size check never fired), or hold the only thread for
// seconds with a form of 90,000 tiny fields. Both must be refused at the edge, before Remix reads
// or parses anything.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/**
 * Streams `total` bytes of form-like data as a chunked body (no Content-Length), stopping as soon
 * as the server answers. Resolves with the status and how many bytes were written.
 */
function streamChunked(
  pathname: string,
  total: number,
): Promise<{ status: number; written: number }> {
  const url = new URL(server.url + pathname);
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    let written = 0;
    let answered = false;
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          origin: server.url,
          "content-type": "application/x-www-form-urlencoded",
          "transfer-encoding": "chunked",
        },
      },
      (res) => {
        answered = true;
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, written }));
        req.destroy();
      },
    );
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    req.write("email=");
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("request bodies are counted as they are read", () => {
  it("refuses a 20 MB chunked body to /sign-in with 413, with the server's memory up by less than 20 MB", async () => {
    if (global.gc) global.gc();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed + before.arrayBuffers;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
    }, 5);
    const result = await streamChunked("/sign-in", 20 * 1024 * 1024);
    clearInterval(sampler);
    expect(result.status).toBe(413);
    // It stopped long before the end: the server answered at its limit, not after reading it all.
    expect(result.written).toBeLessThan(4 * 1024 * 1024);
    expect(peakRss - before.rss).toBeLessThan(20 * 1024 * 1024);
    expect(peakHeap - (before.heapUsed + before.arrayBuffers)).toBeLessThan(20 * 1024 * 1024);
  });

  it("refuses a chunked body over the form limit on every anonymous form, and an oversized multipart body to an anonymous form", async () => {
    for (const pathname of ["/forgot-password", "/sign-in", "/setup"]) {
      const result = await streamChunked(pathname, 2 * 1024 * 1024);
      expect(result.status, pathname).toBe(413);
    }
    const form = new FormData();
    form.set("email", "a".repeat(200 * 1024));
    const res = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      headers: { origin: server.url },
      body: form,
    });
    expect(res.status).toBe(413);
  });

  it("still accepts an ordinary sign-in form (a wrong password is a 400, not a 413)", async () => {
    const res = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        email: "nobody@example.org",
        password: "not the password at all",
      }),
    });
    expect(res.status).toBe(400);
  });
});

describe("forms with far more fields than any form has", () => {
  it("gives non-upload forms a 64 KB limit: 70 KB of form is refused with 413", async () => {
    const res = await fetch(`${server.url}/forgot-password`, {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body: "email=" + "a".repeat(70 * 1024),
    });
    expect(res.status).toBe(413);
  });

  it("refuses 5,000 tiny fields in a small body before parsing them", async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `f${i}=`).join("&");
    expect(body.length).toBeLessThan(64 * 1024);
    const res = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(res.status).toBe(413);
  });

  it("answers /healthz within 200 ms while the 90,000-field body is sent", async () => {
    const body = "a=" + "&a=".repeat(89_999).slice(0);
    expect(body.split("&").length).toBe(90_000);
    // Warm the health check so the measurement is of waiting, not of a first query.
    await fetch(`${server.url}/healthz`);
    const posts = Array.from({ length: 4 }, () =>
      fetch(`${server.url}/sign-in`, {
        method: "POST",
        headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
        body,
      }).then((r) => r.status),
    );
    await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    const health = await fetch(`${server.url}/healthz`);
    const took = performance.now() - started;
    expect(health.status).toBe(200);
    const statuses = await Promise.all(posts);
    expect(statuses.every((s) => s === 413)).toBe(true);
    expect(took).toBeLessThan(200);
  });
});

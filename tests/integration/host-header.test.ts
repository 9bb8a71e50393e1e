import { spawnSync } from "node:child_process";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Finding 3 of issue 11: with PUBLIC_URL unset, links in emails were built from the request's Host
// and the Origin check compared against that same Host, so a forged Host put a genuine reset link
// pointing at another site in a learner's inbox. Now production needs PUBLIC_URL, other Hosts are
// refused, and no link is built from a request.
let server: TestServer;
const EMAIL = "host-header-learner@example.org";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const org = await insertOrganisation(getDb(), { kind: "vcse", name: "Host Header Harbour" });
  await insertUser(getDb(), {
    email: EMAIL,
    name: "Hana Host",
    password: PASSWORD,
    memberships: [{ organisationId: org, role: "learner" }],
  });
});
afterAll(async () => {
  await server?.close();
});

/** A raw request, so the Host and X-Forwarded-Host headers are exactly what an attacker sends. */
function raw(
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: pathname,
        method,
        headers: {
          ...headers,
          ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function resetMails() {
  const { getDb } = await import("~/db/db.server");
  return getDb()
    .selectFrom("outbox")
    .select(["text_body", "html_body"])
    .where("to_address", "=", EMAIL)
    .execute();
}

describe("the Host header", () => {
  it("refuses a password-reset request with a forged Host and matching Origin, and sends no email", async () => {
    const res = await raw(
      "POST",
      "/forgot-password",
      {
        host: "evil.example",
        origin: "http://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      `email=${encodeURIComponent(EMAIL)}`,
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const mails = await resetMails();
    expect(mails.map((m) => m.text_body).join("\n")).not.toContain("evil.example");
    expect(mails).toHaveLength(0);
  });

  it("refuses a page asked for under another Host, and a forged X-Forwarded-Host never reaches a link", async () => {
    expect((await raw("GET", "/sign-in", { host: "evil.example" })).status).toBe(421);
    const own = new URL(server.url).host;
    const res = await raw(
      "POST",
      "/forgot-password",
      {
        host: own,
        "x-forwarded-host": "evil.example",
        origin: server.url,
        "content-type": "application/x-www-form-urlencoded",
      },
      `email=${encodeURIComponent(EMAIL)}`,
    );
    expect(res.status).toBeLessThan(500);
    const mails = await resetMails();
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) {
      expect(m.text_body).not.toContain("evil.example");
      expect(m.text_body).toContain(`${server.url}/reset-password/`);
    }
  });

  it("answers /healthz under any Host, for load balancers that ask by address", async () => {
    expect((await raw("GET", "/healthz", { host: "10.0.0.7:3000" })).status).toBe(200);
  });
});

describe("PUBLIC_URL in production", () => {
  it("NODE_ENV=production npm start without PUBLIC_URL refuses to start with a clear message", () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      DATABASE_PATH: `${server.dir}/never.db`,
      DATA_DIR: server.dir,
      LOG_LEVEL: "info",
    };
    delete env.PUBLIC_URL;
    for (const k of Object.keys(env)) if (k.startsWith("VITEST")) delete env[k];
    const run = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain("PUBLIC_URL");
    expect(run.stdout + run.stderr).toMatch(/must be set/);
  });
});

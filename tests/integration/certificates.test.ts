import { execFileSync } from "node:child_process";
import { dateFields } from "~/utils/date-input";
import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IssueInput } from "~/certificates/certificates.server";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { dayMonthYearText, londonDay } from "../support/time";
import { PASSWORD } from "../support/password";

// Certificates in these tests were earned a fortnight ago, whatever today is.
const ACHIEVED = londonDay(-16);

let server: TestServer;
const ids: Record<string, string> = {};
const orgs: Record<string, string> = {};

async function mod() {
  return import("~/certificates/certificates.server");
}
async function db() {
  const { getDb } = await import("~/db/db.server");
  return getDb();
}

function moduleInput(over: Partial<IssueInput> & { sourceKey: string }): IssueInput {
  return {
    holder: { userId: ids.learner, name: "Aisha Begum", email: "learner@example.org" },
    achievement: {
      kind: "module",
      moduleTitle: "Understanding child criminal exploitation",
      moduleVersion: 3,
      description: "County lines, cuckooing and how to refer.",
    },
    achievedOn: ACHIEVED,
    issuerName: "Momentum",
    programmeName: "Third Sector Capacity Building",
    baseUrl: server.url,
    ...over,
  };
}

function pdfText(bytes: Uint8Array): string {
  const file = path.join(server.dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

// A different client address per purpose (the server trusts one proxy hop in this test file).
function from(ip: string) {
  return { "x-forwarded-for": ip };
}

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: "1" });
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const d = await db();
  orgs.sgt = await insertOrganisation(d, { kind: "delivery_partner", name: "St Giles Trust" });
  orgs.momentum = await insertOrganisation(d, { kind: "delivery_partner", name: "Momentum" });
  orgs.harbour = await insertOrganisation(d, { kind: "vcse", name: "Norwich Youth Harbour" });
  orgs.other = await insertOrganisation(d, { kind: "vcse", name: "Lynn Street Pastors" });
  ids.lead = await insertUser(d, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: orgs.sgt, role: "programme_lead" }],
  });
  ids.learner = await insertUser(d, {
    email: "learner@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: orgs.harbour, role: "learner" }],
  });
  ids.manager = await insertUser(d, {
    email: "manager@example.org",
    name: "Tom Reeve",
    password: PASSWORD,
    memberships: [{ organisationId: orgs.harbour, role: "organisation_manager" }],
  });
  ids.otherManager = await insertUser(d, {
    email: "manager2@example.org",
    name: "Ola Nowak",
    password: PASSWORD,
    memberships: [{ organisationId: orgs.other, role: "organisation_manager" }],
  });
  ids.stranger = await insertUser(d, {
    email: "stranger@example.org",
    name: "Sam Stranger",
    password: PASSWORD,
    memberships: [{ organisationId: orgs.other, role: "learner" }],
  });
}, 120_000);

afterAll(async () => {
  const { closePdfPool } = await import("~/pdf/pool.server");
  await closePdfPool();
  await server?.close();
});

describe("the certificate PDF", () => {
  it("prints holder, achievement, serial and code, has its metadata, and its QR code reads as the verification address", async () => {
    const { issueCertificate, storedPdf } = await mod();
    const { formatCode } = await import("~/certificates/codes");
    const { certificate: c, created } = await issueCertificate(
      await db(),
      moduleInput({ sourceKey: "module-version:m1v3:user:learner" }),
    );
    expect(created).toBe(true);
    expect(c.serial).toMatch(/^LTN-\d{4}-\d{6}$/);
    expect(c.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    const file = await storedPdf(await db(), c);
    expect(file).not.toBeNull();
    const text = pdfText(file!.bytes);
    expect(text).toContain("Aisha Begum");
    expect(text).toContain("Understanding child criminal exploitation");
    expect(text).toContain(c.serial);
    // The code is letter-spaced in the PDF, so pdftotext may put spaces inside it; a person reads it the same.
    expect(text.replace(/\s+/g, "")).toContain(formatCode(c.code));
    expect(text).toContain(dayMonthYearText(ACHIEVED));
    expect(text).toContain("Momentum");

    const pdfPath = path.join(server.dir, "qr.pdf");
    fs.writeFileSync(pdfPath, file!.bytes);
    const info = execFileSync("pdfinfo", [pdfPath], { encoding: "utf8" });
    expect(info).toMatch(/Pages:\s+1/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    expect(info).toMatch(/Title:\s+Certificate LTN-/);
    expect(info).toMatch(/Author:\s+Momentum/);
    expect(info).toMatch(/Subject:\s+Understanding child criminal exploitation/);
    const fonts = execFileSync("pdffonts", [pdfPath], { encoding: "utf8" });
    expect(fonts).toMatch(/SourceSans3/);
    expect(fonts).not.toMatch(/Helvetica/);

    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "150",
      "-singlefile",
      pdfPath,
      path.join(server.dir, "qr"),
    ]);
    const png = PNG.sync.read(fs.readFileSync(path.join(server.dir, "qr.png")));
    const qr = jsQR(
      new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength),
      png.width,
      png.height,
    );
    expect(qr?.data).toBe(`${server.url}/verify/${c.code}`);
  });

  it("gives the same text every time it is made from the same record", async () => {
    const { issueCertificate, pdfDataFor } = await mod();
    const { renderPdf } = await import("~/pdf/pool.server");
    const { certificate: c } = await issueCertificate(
      await db(),
      moduleInput({ sourceKey: "module-version:m1v3:user:learner" }),
    );
    const a = await renderPdf({ kind: "certificate", data: pdfDataFor(c) });
    const b = await renderPdf({ kind: "certificate", data: pdfDataFor(c) });
    expect(pdfText(a)).toBe(pdfText(b));
  });
});

describe("issuing", () => {
  it("issuing twice for the same achievement, even at the same moment, gives one certificate", async () => {
    const { issueCertificate } = await mod();
    const d = await db();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        issueCertificate(d, moduleInput({ sourceKey: "session:s9:registrant:r1" })),
      ),
    );
    expect(new Set(results.map((r) => r.certificate.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await d
      .selectFrom("certificates")
      .select("id")
      .where("source_origin", "=", "session:s9:registrant:r1")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("never gives two certificates the same serial when many are issued at once", async () => {
    const { issueCertificate } = await mod();
    const d = await db();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        issueCertificate(
          d,
          moduleInput({ sourceKey: `parallel:${i}`, holder: { name: `Person ${i}`, email: null } }),
          { render: "later" },
        ),
      ),
    );
    const serials = results.map((r) => r.certificate.serial);
    expect(new Set(serials).size).toBe(12);
    const numbers = serials.map((s) => Number(s.slice(-6))).sort((a, b) => a - b);
    expect(numbers.at(-1)! - numbers[0]).toBe(11);
  });
});

describe("public verification", () => {
  it("shows a valid certificate's holder, achievement, date and issuer, and nothing more, for a code typed any way", async () => {
    const { issueCertificate } = await mod();
    const { formatCode } = await import("~/certificates/codes");
    const { certificate: c } = await issueCertificate(
      await db(),
      moduleInput({ sourceKey: "verify:valid" }),
    );
    const typed = ` ${formatCode(c.code).toLowerCase().replace(/-/g, " - ")} `;
    const form = await fetch(`${server.url}/verify?code=${encodeURIComponent(typed)}`, {
      redirect: "manual",
      headers: from("198.51.100.1"),
    });
    expect(form.status).toBe(302);
    expect(form.headers.get("location")).toBe(`/verify/${c.code}`);
    const res = await fetch(`${server.url}/verify/${c.code}`, { headers: from("198.51.100.1") });
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain("Certificate is valid");
    expect(text).toContain("Aisha Begum");
    expect(text).toContain("Understanding child criminal exploitation");
    expect(text).toContain(dayMonthYearText(ACHIEVED));
    expect(text).toContain("Momentum");
    expect(text).not.toContain("learner@example.org");
    expect(text).not.toContain(c.serial);
  });

  it("still verifies after its source is gone and its holder's account is disabled and removed from every organisation", async () => {
    const { issueCertificate } = await mod();
    const { insertUser, insertOrganisation } = await import("~/seed/foundation.server");
    const d = await db();
    const org = await insertOrganisation(d, { kind: "vcse", name: "Short-lived Project CIC" });
    const leaver = await insertUser(d, {
      email: "leaver@example.org",
      name: "Lee Leaver",
      password: PASSWORD,
      memberships: [{ organisationId: org, role: "learner" }],
    });
    const { certificate: c } = await issueCertificate(
      d,
      moduleInput({
        sourceKey: `module-version:gone:user:${leaver}`,
        holder: { userId: leaver, name: "Lee Leaver", email: "leaver@example.org" },
        achievement: { kind: "module", moduleTitle: "An archived module", moduleVersion: 1 },
      }),
    );
    // The module and its version are not Lantern rows here; what a certificate could depend on
    // is: the account (disabled), its memberships and organisation (deleted), its sessions.
    await d
      .updateTable("users")
      .set({
        disabled_at: new Date().toISOString(),
        name: "Deleted user",
        email: "deleted@example.invalid",
      })
      .where("id", "=", leaver)
      .execute();
    await d.deleteFrom("sessions").where("user_id", "=", leaver).execute();
    await d.deleteFrom("memberships").where("user_id", "=", leaver).execute();
    await d.deleteFrom("organisations").where("id", "=", org).execute();
    const res = await fetch(`${server.url}/verify/${c.code}`, { headers: from("198.51.100.2") });
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain("Certificate is valid");
    expect(text).toContain("Lee Leaver");
    expect(text).toContain("An archived module");
    // Even with the account row gone altogether.
    await d.deleteFrom("users").where("id", "=", leaver).execute();
    const again = textOf(
      await (
        await fetch(`${server.url}/verify/${c.code}`, { headers: from("198.51.100.2") })
      ).text(),
    );
    expect(again).toContain("Lee Leaver");
  });

  it("shows a revoked code as revoked, and an unknown code as not found", async () => {
    const { issueCertificate, revokeCertificate } = await mod();
    const d = await db();
    const { certificate: c } = await issueCertificate(
      d,
      moduleInput({ sourceKey: "verify:revoked" }),
    );
    await revokeCertificate(d, {
      id: c.id,
      reason: "Issued in error",
      byUserId: ids.lead,
      byName: "Priya Shah",
    });
    const revoked = await fetch(`${server.url}/verify/${c.code}`, {
      headers: from("198.51.100.3"),
    });
    expect(revoked.status).toBe(200);
    const text = textOf(await revoked.text());
    expect(text).toContain("Certificate has been revoked");
    expect(text).not.toContain("Issued in error");
    const unknown = await fetch(`${server.url}/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ`, {
      headers: from("198.51.100.3"),
    });
    expect(unknown.status).toBe(404);
    expect(textOf(await unknown.text())).toContain("Certificate not found");
  });

  it("throttles one address trying 100 wrong codes with 429, Retry-After and a clear message, while others still check", async () => {
    const { newVerificationCode, issueCertificate } = await mod();
    const { certificate: c } = await issueCertificate(
      await db(),
      moduleInput({ sourceKey: "verify:throttle" }),
    );
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 100; i++) {
      last = await fetch(`${server.url}/verify/${newVerificationCode()}`, {
        headers: from("203.0.113.66"),
      });
      statuses.push(last.status);
      if (i < 99) await last.arrayBuffer();
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(60);
    expect(textOf(await last!.text())).toContain(
      "Too many codes that do not match a certificate have been tried",
    );
    // The right code is refused too from that address while it is paused…
    expect(
      (await fetch(`${server.url}/verify/${c.code}`, { headers: from("203.0.113.66") })).status,
    ).toBe(429);
    // …but another address checks it.
    expect(
      (await fetch(`${server.url}/verify/${c.code}`, { headers: from("203.0.113.67") })).status,
    ).toBe(200);
  });
});

describe("holders, managers and leads", () => {
  it("a holder lists and downloads their certificate, served from storage with an ETag; nobody else's", async () => {
    const { issueCertificate } = await mod();
    const { certificate: c } = await issueCertificate(
      await db(),
      moduleInput({ sourceKey: "holder:list" }),
    );
    const learner = new Client(server.url);
    await learner.signIn("learner@example.org", PASSWORD);
    const list = textOf(await (await learner.get("/certificates")).text());
    expect(list).toContain(c.serial);
    const pdf = await learner.get(`/certificates/${c.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(
      `attachment; filename="certificate-${c.serial}.pdf"`,
    );
    const etag = pdf.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const again = await learner.get(`/certificates/${c.id}/pdf`);
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(bytes);
    expect((await learner.get(`/certificates/${c.id}/pdf`, { "if-none-match": etag })).status).toBe(
      304,
    );

    const stranger = new Client(server.url);
    await stranger.signIn("stranger@example.org", PASSWORD);
    expect((await stranger.get(`/certificates/${c.id}/pdf`)).status).toBe(404);
    expect((await stranger.get(`/certificates/${c.id}`)).status).toBe(404);
    expect(textOf(await (await stranger.get("/certificates")).text())).not.toContain(c.serial);
    expect((await stranger.get("/admin/certificates")).status).toBe(403);
  });

  it("an organisation manager sees their staff's certificates and no other organisation's", async () => {
    const { issueCertificate } = await mod();
    const { certificate: c } = await issueCertificate(
      await db(),
      moduleInput({ sourceKey: "manager:view" }),
    );
    const manager = new Client(server.url);
    await manager.signIn("manager@example.org", PASSWORD);
    expect(textOf(await (await manager.get("/certificates/staff")).text())).toContain(c.serial);
    expect((await manager.get(`/certificates/${c.id}/pdf`)).status).toBe(200);
    const other = new Client(server.url);
    await other.signIn("manager2@example.org", PASSWORD);
    expect(textOf(await (await other.get("/certificates/staff")).text())).not.toContain(c.serial);
    expect((await other.get(`/certificates/${c.id}`)).status).toBe(404);
  });

  it("a lead issues by hand, searches by code, revokes with a reason and re-issues with a corrected name", async () => {
    const lead = new Client(server.url);
    await lead.signIn("lead@example.org", PASSWORD);
    const form = await (await lead.get("/admin/certificates/new")).text();
    const requestId = /name="requestId" value="([^"]+)"/.exec(form)![1];
    const fields = {
      holderName: "Jo Smyth",
      holderEmail: "jo@example.org",
      kind: "session",
      title: "Spotting the signs: exploitation awareness for school staff",
      moduleVersion: "",
      ...dateFields("sessionDate", londonDay(-59)),
      audience: "Teachers",
      format: "Twilight CPD",
      description: "",
      ...dateFields("achievedOn", londonDay(-59)),
      issuerName: "St Giles Trust",
      programmeName: "SOS+",
      requestId,
    };
    // Dates as day, month and year (issue 17, item 14): an optional date half typed is refused in
    // the Design System's words with what was typed kept; a session needs its date.
    const [y59] = londonDay(-59).split("-");
    const halfTyped = await lead.post("/admin/certificates/new", {
      ...fields,
      "achievedOn-day": "12",
      "achievedOn-month": "",
      "achievedOn-year": y59!,
    });
    expect(halfTyped.status).toBe(400);
    const halfHtml = await halfTyped.text();
    expect(textOf(halfHtml)).toContain("The date it was achieved must include a month");
    expect(halfHtml).toMatch(/name="achievedOn-day"[^>]*value="12"/);
    expect(halfHtml).toMatch(new RegExp(`name="sessionDate-year"[^>]*value="${y59}"`));
    const noSessionDate = await lead.post("/admin/certificates/new", {
      ...fields,
      "sessionDate-day": "",
      "sessionDate-month": "",
      "sessionDate-year": "",
    });
    expect(noSessionDate.status).toBe(400);
    expect(textOf(await noSessionDate.text())).toContain("Enter the date of the session");
    const issued = await lead.post("/admin/certificates/new", fields);
    expect(issued.status).toBe(302);
    const location = issued.headers.get("location")!;
    // Sending the same form again gives the same certificate.
    expect((await lead.post("/admin/certificates/new", fields)).headers.get("location")).toBe(
      location,
    );
    const id = /\/admin\/certificates\/([^?]+)/.exec(location)![1];
    const d = await db();
    const cert = await d
      .selectFrom("certificates")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const { formatCode } = await import("~/certificates/codes");
    const search = textOf(
      await (
        await lead.get(
          `/admin/certificates?q=${encodeURIComponent(formatCode(cert.code).toLowerCase())}`,
        )
      ).text(),
    );
    expect(search).toContain(cert.serial);

    const missing = await lead.post(`/admin/certificates/${id}`, {
      intent: "reissue",
      reissueReason: "",
      holderName: "Jo Smith",
      holderEmail: "jo@example.org",
    });
    expect(missing.status).toBe(400);
    expect(textOf(await missing.text())).toContain("Enter why the certificate is being re-issued");
    const re = await lead.post(`/admin/certificates/${id}`, {
      intent: "reissue",
      reissueReason: "Surname misspelt",
      holderName: "Jo Smith",
      holderEmail: "jo@example.org",
    });
    expect(re.status).toBe(302);
    const newId = /\/admin\/certificates\/([^?]+)/.exec(re.headers.get("location")!)![1];
    const fresh = await d
      .selectFrom("certificates")
      .selectAll()
      .where("id", "=", newId)
      .executeTakeFirstOrThrow();
    const old = await d
      .selectFrom("certificates")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(fresh.replaces_id).toBe(id);
    expect(old.replaced_by_id).toBe(newId);
    expect(old.status).toBe("revoked");
    expect(old.revoked_by_name).toBe("Priya Shah");
    expect(fresh.holder_name).toBe("Jo Smith");
    expect(fresh.serial).not.toBe(old.serial);
    // The achievement now belongs to the new certificate.
    const { issueCertificate, storedPdf } = await mod();
    const again = await issueCertificate(d, moduleInput({ sourceKey: `manual:${requestId}` }));
    expect(again.certificate.id).toBe(newId);
    expect(pdfText((await storedPdf(d, fresh))!.bytes)).toContain("Jo Smith");
    expect(
      textOf(
        await (
          await fetch(`${server.url}/verify/${old.code}`, { headers: from("198.51.100.9") })
        ).text(),
      ),
    ).toContain("revoked");

    const revoke = await lead.post(`/admin/certificates/${newId}`, {
      intent: "revoke",
      revokeReason: "Did not attend",
    });
    expect(revoke.status).toBe(302);
    const page = textOf(await (await lead.get(`/admin/certificates/${newId}`)).text());
    expect(page).toContain("Did not attend");
    expect(page).toContain("Priya Shah");
  });
});

describe("bulk issue", () => {
  it("issues 500 certificates, keeps another page answering meanwhile, and downloads them as one ZIP", async () => {
    const lead = new Client(server.url);
    await lead.signIn("lead@example.org", PASSWORD);
    const form = await (await lead.get("/admin/certificates/bulk")).text();
    const requestId = /name="requestId" value="([^"]+)"/.exec(form)![1];
    const holders = Array.from(
      { length: 500 },
      (_, i) => `Teacher Number ${i + 1}, teacher${i + 1}@school.example.org`,
    ).join("\n");
    const started = Date.now();
    const res = await lead.post("/admin/certificates/bulk", {
      holders,
      kind: "session",
      title: "Exploitation awareness for teachers",
      moduleVersion: "",
      ...dateFields("sessionDate", londonDay(-17)),
      audience: "Teachers",
      format: "Twilight CPD",
      description: "",
      ...dateFields("achievedOn", londonDay(-17)),
      issuerName: "St Giles Trust",
      programmeName: "SOS+",
      requestId,
    });
    expect(res.status).toBe(302);
    const batchPath = res.headers.get("location")!;
    const batchId = batchPath.split("/").pop()!;
    const { batchProgress } = await mod();
    const d = await db();

    // While the batch renders, another page of the app keeps answering.
    const other = new Client(server.url);
    await other.signIn("learner@example.org", PASSWORD);
    // How fast it answers is printed below, not asserted: a wall-clock limit here failed on a
    // loaded 2-core machine for reasons unrelated to the code (issue 15, item 10).
    const timings: number[] = [];
    let samplesWhileRendering = 0;
    for (;;) {
      const progress = await batchProgress(d, batchId);
      if (progress.done) break;
      const t0 = performance.now();
      const page = await other.get("/certificates");
      await page.text();
      timings.push(performance.now() - t0);
      expect(page.status).toBe(200);
      if (!(await batchProgress(d, batchId)).done) samplesWhileRendering++;
      if (Date.now() - started > 280_000) throw new Error("the batch did not finish in time");
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(samplesWhileRendering).toBeGreaterThan(5);

    const zip = await lead.get(`${batchPath}/zip`);
    expect(zip.status).toBe(200);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const names = Object.keys(files);
    expect(names).toHaveLength(500);
    expect(new Set(names).size).toBe(500);
    for (const n of names) {
      expect(n).toMatch(/^certificate-LTN-\d{4}-\d{6}\.pdf$/);
      expect(new TextDecoder().decode(files[n].slice(0, 5))).toBe("%PDF-");
    }
    console.log(
      `bulk: 500 certificates in ${((Date.now() - started) / 1000).toFixed(1)} s; other page p50 ${timings.sort((a, b) => a - b)[Math.floor(timings.length / 2)].toFixed(0)} ms, max ${Math.max(...timings).toFixed(0)} ms over ${timings.length} requests`,
    );
    const page = textOf(await (await lead.get(batchPath)).text());
    expect(page).toContain("All 500 certificates are ready");
  }, 300_000);
});

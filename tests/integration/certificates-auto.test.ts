import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Certificates issued automatically: when a learner completes a module, and for the named
// attendees of teachers' and VCSE staff sessions when a session is marked delivered; and a lead's
// ZIP of a session's certificates. Everything goes through the real server.

let server: TestServer;
let clock: typeof import("~/utils/clock.server").clock;
const ids: Record<string, string> = {};
const orgs: Record<string, string> = {};

async function db() {
  return (await import("~/db/db.server")).getDb();
}

async function signedIn(email: string) {
  const c = new Client(server.url);
  await c.signIn(email, PASSWORD);
  return c;
}

function pdfText(bytes: Uint8Array): string {
  const file = path.join(server.dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

async function certificatesWhere(prefix: string) {
  return (await db())
    .selectFrom("certificates")
    .selectAll()
    .where("source_key", "like", `${prefix}%`)
    .orderBy("holder_name")
    .execute();
}

async function waitForPdfs(certIds: string[]) {
  const d = await db();
  for (let i = 0; i < 300; i++) {
    const n = certIds.length
      ? (
          await d
            .selectFrom("certificate_files")
            .select("certificate_id")
            .where("certificate_id", "in", certIds)
            .execute()
        ).length
      : 0;
    if (n === certIds.length) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the certificates' PDFs were not rendered in time");
}

beforeAll(async () => {
  server = await startTestServer();
  clock = (await import("~/utils/clock.server")).clock;
  clock.freeze(new Date("2026-11-23T10:00:00Z"));
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const d = await db();
  orgs.sgt = await insertOrganisation(d, { kind: "delivery_partner", name: "St Giles Trust" });
  orgs.momentum = await insertOrganisation(d, { kind: "delivery_partner", name: "Momentum" });
  orgs.harbour = await insertOrganisation(d, { kind: "vcse", name: "Norwich Youth Harbour" });
  orgs.school = await insertOrganisation(d, {
    kind: "setting",
    name: "Wensum Valley Academy",
    urn: "880101",
    phase: "Secondary",
  });
  ids.lead = await insertUser(d, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: orgs.sgt, role: "programme_lead" }],
  });
  ids.trainer = await insertUser(d, {
    email: "dan@example.org",
    name: "Dan Okafor",
    password: PASSWORD,
    memberships: [{ organisationId: orgs.sgt, role: "trainer", safeguardingCleared: true }],
  });
  ids.author = await insertUser(d, {
    email: "author@example.org",
    name: "Nadia Hussain",
    password: PASSWORD,
    memberships: [{ organisationId: orgs.momentum, role: "content_author" }],
  });
  ids.learner = await insertUser(d, {
    email: "learner@example.org",
    name: "Aisha Begum",
    password: PASSWORD,
    memberships: [{ organisationId: orgs.harbour, role: "learner" }],
  });
  ids.teacher = await insertUser(d, {
    email: "helen@wensum.example.org",
    name: "Helen Carter",
    password: PASSWORD,
    memberships: [{ organisationId: orgs.school, role: "school_coordinator" }],
  });
}, 120_000);

afterAll(async () => {
  clock?.reset();
  const { closePdfPool } = await import("~/pdf/pool.server");
  await closePdfPool();
  await server?.close();
});

describe("a learner completing a module", () => {
  let moduleId: string;

  async function answers(pass: boolean) {
    const d = await db();
    const version = await d
      .selectFrom("learning_module_versions")
      .select("id")
      .where("module_id", "=", moduleId)
      .where("status", "=", "published")
      .executeTakeFirstOrThrow();
    const questions = await d
      .selectFrom("learning_questions")
      .select(["id"])
      .where("version_id", "=", version.id)
      .orderBy("position")
      .execute();
    const options = await d
      .selectFrom("learning_options")
      .select(["id", "question_id", "is_correct"])
      .where(
        "question_id",
        "in",
        questions.map((q) => q.id),
      )
      .execute();
    const form = new URLSearchParams();
    for (const q of questions) {
      const right = options.filter((o) => o.question_id === q.id && o.is_correct);
      const wrong = options.find((o) => o.question_id === q.id && !o.is_correct)!;
      // A fail gets every question wrong.
      for (const o of pass ? right : [wrong]) form.append(`q-${q.id}`, o.id);
    }
    return form;
  }

  it("gets exactly one certificate for the module and version, however often they pass, and it verifies", async () => {
    const { DEMO_MODULES } = await import("~/learning/seed-content.server");
    const { insertModule, progressLearner } = await import("~/learning/seed.server");
    const d = await db();
    ({ moduleId } = await insertModule(d, ids.author, DEMO_MODULES[0]));
    await progressLearner(d, ids.learner, moduleId, { lessonsRead: 99 });
    const learner = await signedIn("learner@example.org");

    // A fail issues nothing.
    const failed = await learner.post(`/learning/modules/${moduleId}/quiz`, await answers(false));
    expect(failed.status).toBe(302);
    expect(await certificatesWhere("module-version:")).toHaveLength(0);

    // The pass completes the module and issues the certificate in the same request, without
    // waiting for its PDF (rendered in the worker pool afterwards).
    const passed = await learner.post(`/learning/modules/${moduleId}/quiz`, await answers(true));
    expect(passed.status).toBe(302);
    const attemptPath = passed.headers.get("location")!;
    let certs = await certificatesWhere("module-version:");
    expect(certs).toHaveLength(1);
    const cert = certs[0];
    const version = await d
      .selectFrom("learning_module_versions")
      .select(["id", "title", "version"])
      .where("module_id", "=", moduleId)
      .executeTakeFirstOrThrow();
    expect(cert).toMatchObject({
      source_key: `module-version:${version.id}:user:${ids.learner}`,
      holder_user_id: ids.learner,
      holder_name: "Aisha Begum",
      kind: "module",
      achievement_title: "Recognising child criminal exploitation",
      issuer_name: "Momentum",
      status: "valid",
      achieved_on: "2026-11-23",
    });
    expect(JSON.parse(cert.achievement)).toMatchObject({
      kind: "module",
      moduleTitle: version.title,
      moduleVersion: "1",
    });

    // Passing again (and failing a practice retake) never issues a second one.
    expect(
      (await learner.post(`/learning/modules/${moduleId}/quiz`, await answers(true))).status,
    ).toBe(302);
    expect(
      (await learner.post(`/learning/modules/${moduleId}/quiz`, await answers(false))).status,
    ).toBe(302);
    certs = await certificatesWhere("module-version:");
    expect(certs.map((c) => c.id)).toEqual([cert.id]);

    // One email, with a link to the certificate.
    const mail = await d
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "learner@example.org")
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe("Your certificate: Recognising child criminal exploitation");
    expect(mail[0].text_body).toContain(`${server.url}/certificates/${cert.id}`);
    expect(mail[0].text_body).toContain(cert.serial);

    // The completion page and the module page offer the download.
    const attempt = await (await learner.get(attemptPath)).text();
    expect(textOf(attempt)).toContain("Download your certificate");
    expect(attempt).toContain(`href="/certificates/${cert.id}/pdf"`);
    const modulePage = await (await learner.get(`/learning/modules/${moduleId}`)).text();
    expect(textOf(modulePage)).toContain("Download your certificate");
    expect(textOf(await (await learner.get("/certificates")).text())).toContain(
      "Recognising child criminal exploitation",
    );
    expect(await (await learner.get("/learning/my")).text()).toContain(
      `href="/certificates/${cert.id}/pdf"`,
    );

    await waitForPdfs([cert.id]);
    const pdf = await learner.get(`/certificates/${cert.id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain("Aisha Begum");
    expect(text).toContain("Recognising child criminal exploitation");

    const verify = textOf(await (await fetch(`${server.url}/verify/${cert.code}`)).text());
    expect(verify).toContain("Certificate is valid");
    expect(verify).toContain("Recognising child criminal exploitation");
    expect(verify).toContain("Version 1");
    expect(verify).toContain("Aisha Begum");
  }, 120_000);
});

describe("a session marked delivered", () => {
  const sessions: Record<string, string> = {};
  const regs: Record<string, string> = {};

  async function book(sessionId: string, name: string, email: string) {
    const { bookOpenSession } = await import("~/sessions/open.server");
    const r = await bookOpenSession(await db(), { sessionId, name, email, baseUrl: server.url });
    if (!r.ok) throw new Error(`booking ${name} failed: ${JSON.stringify(r)}`);
    const row = await (
      await db()
    )
      .selectFrom("registrations")
      .select("id")
      .where("session_id", "=", sessionId)
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    const { insertProgramme, insertOffering, insertSession } =
      await import("~/seed/factories/sessions.server");
    const d = await db();
    const sos = await insertProgramme(d, { name: "SOS+ Norfolk", deliveryPartnerId: orgs.sgt });
    const momentum = await insertProgramme(d, {
      name: "Third Sector Capacity Building",
      deliveryPartnerId: orgs.momentum,
    });
    const starts = "2026-11-24T16:00:00Z";
    const offering = async (
      programmeId: string,
      title: string,
      audience: "teachers" | "parents" | "pupils" | "vcse_staff",
      format: "twilight_cpd" | "community_session" | "classroom_workshop",
    ) =>
      insertOffering(d, {
        programmeId,
        title,
        audience,
        format,
        description: "What exploitation looks like and how to act on a concern.",
        openToPublic: audience !== "pupils",
      });
    sessions.teachers = await insertSession(d, {
      programmeId: sos,
      offeringId: await offering(
        sos,
        "Spotting the signs: exploitation awareness for school staff",
        "teachers",
        "twilight_cpd",
      ),
      startsAt: starts,
      isOpen: true,
      trainerIds: [ids.trainer],
      venue: "Wensum Valley Academy",
    });
    sessions.parents = await insertSession(d, {
      programmeId: sos,
      offeringId: await offering(sos, "Keeping your child safe", "parents", "community_session"),
      startsAt: starts,
      isOpen: true,
      trainerIds: [ids.trainer],
    });
    sessions.vcse = await insertSession(d, {
      programmeId: momentum,
      offeringId: await offering(
        momentum,
        "Joint working on exploitation",
        "vcse_staff",
        "community_session",
      ),
      startsAt: starts,
      isOpen: true,
      trainerIds: [ids.trainer],
    });
    sessions.pupils = await insertSession(d, {
      programmeId: sos,
      offeringId: await offering(sos, "Classroom workshop", "pupils", "classroom_workshop"),
      startsAt: starts,
      trainerIds: [ids.trainer],
      settingId: orgs.school,
    });
    const { createClass } = await import("~/sessions/classes.server");
    const classId = await createClass(d, [orgs.school], {
      settingId: orgs.school,
      yearGroup: "9",
      name: "9W1",
      pupilCount: 28,
      accessNeeds: null,
    });
    await d
      .insertInto("session_classes")
      .values({ session_id: sessions.pupils, class_id: classId, pupils_attended: null })
      .execute();

    regs.helen = await book(sessions.teachers, "Helen Carter", "helen@wensum.example.org");
    regs.ravi = await book(sessions.teachers, "Ravi Patel", "ravi.patel@wensum.example.org");
    regs.chloe = await book(sessions.teachers, "Chloe Burrows", "chloe.burrows@wensum.example.org");
    regs.sam = await book(sessions.teachers, "Sam Ellis", "sam.ellis@wensum.example.org");
    regs.parentA = await book(sessions.parents, "Jo Smith", "jo.smith@example.org");
    regs.parentB = await book(sessions.parents, "Lee Brown", "lee.brown@example.org");
    regs.vcse = await book(sessions.vcse, "Kemi Adeyemi", "kemi@harbour.example.org");
    // The sessions have happened.
    clock.freeze(new Date("2026-11-24T18:00:00Z"));
  });

  async function deliver(
    trainer: Client,
    sessionId: string,
    attendance: Record<string, string>,
    extra: Record<string, string> = {},
  ) {
    const saved = await trainer.post(`/sessions/${sessionId}/attendance`, {
      ...Object.fromEntries(Object.entries(attendance).map(([k, v]) => [`reg-${k}`, v])),
      walkIns: "0",
      ...extra,
    });
    expect(saved.status).toBe(302);
    const res = await trainer.post(`/sessions/${sessionId}`, { intent: "deliver" });
    expect(res.status).toBe(302);
  }

  it("issues one certificate per named attendee of a teachers' session, none for the absent, and emails each", async () => {
    const trainer = await signedIn("dan@example.org");
    // "Mark everyone attended" pre-fills the four bookers' radios and stores nothing.
    const prefilled = await (
      await trainer.get(`/sessions/${sessions.teachers}/attendance?everyone=attended`)
    ).text();
    expect(prefilled.match(/checked="" value="attended"/g)).toHaveLength(4);
    expect(prefilled.match(/checked="" value="no_show"/g)).toBeNull();
    const plain = await (await trainer.get(`/sessions/${sessions.teachers}/attendance`)).text();
    expect(plain.match(/checked=""/g)).toBeNull();
    expect(plain).toContain("Mark everyone not yet marked as attended");
    const stored = await (
      await db()
    )
      .selectFrom("registrations")
      .select("attendance")
      .where("session_id", "=", sessions.teachers)
      .execute();
    expect(stored.every((r) => r.attendance === null)).toBe(true);
    await deliver(
      trainer,
      sessions.teachers,
      {
        [regs.helen]: "attended",
        [regs.ravi]: "attended",
        [regs.chloe]: "attended",
        [regs.sam]: "no_show",
      },
      { walkIns: "2" },
    );
    const certs = await certificatesWhere(`session:${sessions.teachers}:`);
    expect(certs.map((c) => c.holder_name)).toEqual([
      "Chloe Burrows",
      "Helen Carter",
      "Ravi Patel",
    ]);
    expect(new Set(certs.map((c) => c.source_key))).toEqual(
      new Set(
        [regs.helen, regs.ravi, regs.chloe].map(
          (r) => `session:${sessions.teachers}:registrant:${r}`,
        ),
      ),
    );
    for (const c of certs) {
      expect(c).toMatchObject({
        kind: "session",
        achievement_title: "Spotting the signs: exploitation awareness for school staff",
        achieved_on: "2026-11-24",
        issuer_name: "St Giles Trust",
        programme_name: "SOS+ Norfolk",
        issued_by_user_id: ids.trainer,
        status: "valid",
      });
      expect(JSON.parse(c.achievement)).toMatchObject({
        audience: "Teachers and school staff",
        format: "Twilight CPD",
      });
    }
    // Helen has an account (her booking's email): hers is linked to it; the others hold theirs without one.
    expect(certs.find((c) => c.holder_name === "Helen Carter")!.holder_user_id).toBe(ids.teacher);
    expect(certs.find((c) => c.holder_name === "Ravi Patel")!.holder_user_id).toBeNull();

    const d = await db();
    const mail = await d
      .selectFrom("outbox")
      .select(["to_address", "text_body"])
      .where(
        "subject",
        "=",
        "Your certificate: Spotting the signs: exploitation awareness for school staff",
      )
      .orderBy("to_address")
      .execute();
    expect(mail.map((m) => m.to_address)).toEqual([
      "chloe.burrows@wensum.example.org",
      "helen@wensum.example.org",
      "ravi.patel@wensum.example.org",
    ]);
    const ravi = certs.find((c) => c.holder_name === "Ravi Patel")!;
    expect(mail.find((m) => m.to_address.startsWith("ravi"))!.text_body).toContain(ravi.verify_url);

    // Helen sees hers among her certificates; an account-less holder's verifies publicly.
    const helen = await signedIn("helen@wensum.example.org");
    expect(textOf(await (await helen.get("/certificates")).text())).toContain("Spotting the signs");
    const verify = textOf(await (await fetch(`${server.url}/verify/${ravi.code}`)).text());
    expect(verify).toContain("Certificate is valid");
    expect(verify).toContain("Ravi Patel");

    // Ravi has no account: his email carries his own download link; Helen's sends her to sign in.
    const raviMail = mail.find((m) => m.to_address.startsWith("ravi"))!.text_body;
    const link = /\/certificates\/download\/([a-z2-7]{32})/.exec(raviMail);
    expect(link, raviMail).not.toBeNull();
    expect(mail.find((m) => m.to_address.startsWith("helen"))!.text_body).not.toContain(
      "/certificates/download/",
    );
    const page = await fetch(`${server.url}/certificates/download/${link![1]}`);
    expect(page.status).toBe(200);
    expect(textOf(await page.text())).toContain("Ravi Patel");
    await waitForPdfs([ravi.id]);
    const pdf = await fetch(`${server.url}/certificates/download/${link![1]}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdfText(new Uint8Array(await pdf.arrayBuffer()))).toContain("Ravi Patel");
    // Another token, or Helen's certificate id in place of the token, opens nothing.
    expect((await fetch(`${server.url}/certificates/download/${"a".repeat(32)}`)).status).toBe(404);
    expect((await fetch(`${server.url}/certificates/download/${certs[1].id}/pdf`)).status).toBe(
      404,
    );

    // Marking delivered again is refused and issues nothing; issuing again for the session neither.
    expect(
      (await trainer.post(`/sessions/${sessions.teachers}`, { intent: "deliver" })).status,
    ).toBe(409);
    const { writeTransaction } = await import("~/db/db.server");
    const { issueSessionCertificates } = await import("~/sessions/certificates.server");
    expect(
      await writeTransaction(d, (tx) => issueSessionCertificates(tx, sessions.teachers)),
    ).toHaveLength(0);
    expect(await certificatesWhere(`session:${sessions.teachers}:`)).toHaveLength(3);
  });

  it("issues none for a parents' session or a pupils' session, and one for a VCSE staff session from Momentum", async () => {
    const trainer = await signedIn("dan@example.org");
    await deliver(trainer, sessions.parents, {
      [regs.parentA]: "attended",
      [regs.parentB]: "attended",
    });
    const pupilsClass = (
      await (
        await db()
      )
        .selectFrom("session_classes")
        .select("class_id")
        .where("session_id", "=", sessions.pupils)
        .executeTakeFirstOrThrow()
    ).class_id;
    await deliver(trainer, sessions.pupils, {}, { [`class-${pupilsClass}`]: "26" });
    await deliver(trainer, sessions.vcse, { [regs.vcse]: "attended" });
    const d = await db();
    for (const id of [sessions.parents, sessions.pupils, sessions.vcse]) {
      expect(
        (
          await d
            .selectFrom("delivery_sessions")
            .select("status")
            .where("id", "=", id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe("delivered");
    }
    expect(await certificatesWhere(`session:${sessions.parents}:`)).toHaveLength(0);
    expect(await certificatesWhere(`session:${sessions.pupils}:`)).toHaveLength(0);
    const vcse = await certificatesWhere(`session:${sessions.vcse}:`);
    expect(vcse.map((c) => [c.holder_name, c.issuer_name, c.programme_name])).toEqual([
      ["Kemi Adeyemi", "Momentum", "Third Sector Capacity Building"],
    ]);
    expect(
      await d
        .selectFrom("outbox")
        .select("id")
        .where("to_address", "in", ["jo.smith@example.org", "lee.brown@example.org"])
        .where("subject", "like", "Your certificate%")
        .execute(),
    ).toHaveLength(0);
  });

  it("issues the certificate of someone recorded as attending after the session was marked delivered", async () => {
    const trainer = await signedIn("dan@example.org");
    const saved = await trainer.post(`/sessions/${sessions.teachers}/attendance`, {
      [`reg-${regs.helen}`]: "attended",
      [`reg-${regs.ravi}`]: "attended",
      [`reg-${regs.chloe}`]: "attended",
      [`reg-${regs.sam}`]: "attended",
      walkIns: "2",
    });
    expect(saved.status).toBe(302);
    const certs = await certificatesWhere(`session:${sessions.teachers}:`);
    expect(certs.map((c) => c.holder_name)).toEqual([
      "Chloe Burrows",
      "Helen Carter",
      "Ravi Patel",
      "Sam Ellis",
    ]);
  });

  it("gives a lead the session's certificates as one ZIP from its run-sheet, issuing nothing twice; not to trainers", async () => {
    const lead = await signedIn("lead@example.org");
    const runSheet = textOf(await (await lead.get(`/sessions/${sessions.teachers}`)).text());
    expect(runSheet).toContain("4 of 4 attendees have a certificate");
    expect(runSheet).toContain("Download this session's certificates (ZIP)");
    expect(textOf(await (await lead.get("/admin/certificates/sessions")).text())).toContain(
      "Spotting the signs: exploitation awareness for school staff",
    );

    const res = await lead.post("/admin/certificates/sessions", { sessionId: sessions.teachers });
    expect(res.status).toBe(302);
    const batchPath = res.headers.get("location")!;
    expect(batchPath).toMatch(/^\/admin\/certificates\/batches\/[\w-]+$/);
    const certs = await certificatesWhere(`session:${sessions.teachers}:`);
    expect(certs).toHaveLength(4);
    await waitForPdfs(certs.map((c) => c.id));

    const zip = await lead.get(`${batchPath}/zip`);
    expect(zip.status).toBe(200);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(
      certs.map((c) => `certificate-${c.serial}.pdf`).sort(),
    );
    const ravi = certs.find((c) => c.holder_name === "Ravi Patel")!;
    const text = pdfText(files[`certificate-${ravi.serial}.pdf`]);
    expect(text).toContain("Ravi Patel");
    expect(text).toContain("Spotting the signs");

    // Again, after a lead revoked one: a new batch of the three still valid, and nothing issued anew.
    const { revokeCertificate } = await import("~/certificates/certificates.server");
    const chloe = certs.find((c) => c.holder_name === "Chloe Burrows")!;
    await revokeCertificate(await db(), {
      id: chloe.id,
      reason: "Left after ten minutes",
      byUserId: ids.lead,
      byName: "Priya Shah",
    });
    expect(textOf(await (await lead.get(`/sessions/${sessions.teachers}`)).text())).toContain(
      "4 of 4 attendees have a certificate (1 revoked)",
    );
    // Chloe's emailed download link now says the certificate is revoked and serves no PDF.
    const chloeMail = await (
      await db()
    )
      .selectFrom("outbox")
      .select("text_body")
      .where("to_address", "=", "chloe.burrows@wensum.example.org")
      .where("subject", "like", "Your certificate%")
      .executeTakeFirstOrThrow();
    const chloeToken = /\/certificates\/download\/([a-z2-7]{32})/.exec(chloeMail.text_body)![1];
    const revokedPage = await fetch(`${server.url}/certificates/download/${chloeToken}`);
    expect(revokedPage.status).toBe(410);
    expect(textOf(await revokedPage.text())).toContain("This certificate has been revoked");
    expect((await fetch(`${server.url}/certificates/download/${chloeToken}/pdf`)).status).toBe(410);
    const again = await lead.post("/admin/certificates/sessions", { sessionId: sessions.teachers });
    expect(again.status).toBe(302);
    expect(await certificatesWhere(`session:${sessions.teachers}:`)).toHaveLength(4);
    const zip2 = unzipSync(
      new Uint8Array(await (await lead.get(`${again.headers.get("location")}/zip`)).arrayBuffer()),
    );
    expect(Object.keys(zip2).sort()).toEqual(
      certs
        .filter((c) => c.id !== chloe.id)
        .map((c) => `certificate-${c.serial}.pdf`)
        .sort(),
    );

    // A parents' session has none to give; a trainer may not use the page.
    const parents = await lead.post("/admin/certificates/sessions", {
      sessionId: sessions.parents,
    });
    expect(parents.status).toBe(400);
    expect(textOf(await parents.text())).toContain(
      "Sessions for pupils and for parents do not earn certificates",
    );
    const trainer = await signedIn("dan@example.org");
    expect(
      (await trainer.post("/admin/certificates/sessions", { sessionId: sessions.teachers })).status,
    ).toBe(403);
    expect(
      textOf(await (await trainer.get(`/sessions/${sessions.teachers}`)).text()),
    ).not.toContain("Download this session's certificates");
  }, 120_000);

  it("erasing an account-less holder deletes their stored PDF and download link, and revokes the certificate", async () => {
    const d = await db();
    const ravi = (await certificatesWhere(`session:${sessions.teachers}:`)).find(
      (c) => c.holder_name === "Ravi Patel",
    )!;
    const token = /\/certificates\/download\/([a-z2-7]{32})/.exec(
      (
        await d
          .selectFrom("outbox")
          .select("text_body")
          .where("to_address", "=", "ravi.patel@wensum.example.org")
          .where("subject", "like", "Your certificate%")
          .executeTakeFirstOrThrow()
      ).text_body,
    )![1];
    expect(
      await d
        .selectFrom("certificate_files")
        .select("certificate_id")
        .where("certificate_id", "=", ravi.id)
        .execute(),
    ).toHaveLength(1);
    const { eraseSubject } = await import("~/privacy/privacy.server");
    await eraseSubject(d, {
      email: "ravi.patel@wensum.example.org",
      actorUserId: ids.lead,
      ip: "127.0.0.1",
    });
    const after = await d
      .selectFrom("certificates")
      .selectAll()
      .where("id", "=", ravi.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe("revoked");
    expect(after.holder_name).not.toContain("Ravi");
    expect(
      await d
        .selectFrom("certificate_files")
        .select("certificate_id")
        .where("certificate_id", "=", ravi.id)
        .execute(),
    ).toHaveLength(0);
    expect(
      await d
        .selectFrom("certificate_download_links")
        .select("token_hash")
        .where("certificate_id", "=", ravi.id)
        .execute(),
    ).toHaveLength(0);
    expect((await fetch(`${server.url}/certificates/download/${token}/pdf`)).status).toBe(404);
  });
});

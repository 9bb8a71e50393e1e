import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  launchBrowser,
  newContextWithoutAppScripts,
  signInAs,
} from "../support/browser";
import { buildDeliveryWorld, PASSWORD } from "../support/delivery";
import { startTestServer, type TestServer } from "../support/server";
import { londonAt } from "../support/time";

// Issue 17, item 7. The trainer's printouts — the register, the feedback poster and the paper
// questionnaire — rendered to PDF by Chromium (with the app's scripts off, as a trainer printing
// from a locked-down school laptop might) and read back with poppler's pdftotext: the words a
// trainer needs are on the paper, and the site's header, navigation and footer are not. The
// poster's code is also rasterised with pdftoppm and decoded, so "a large QR code for the link" is
// checked on the printed page itself. PRINTOUTS_DIR=<folder> keeps the PDFs and PNGs to look at.

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let teachersSession: string;
let pupilSession: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-printouts-"));
const keep = process.env.PRINTOUTS_DIR;

/** Words of the site's frame that no printout may carry: header, navigation and footer. */
const FRAME = [
  "Sign out",
  "Your account",
  "My schedule",
  "Menu",
  "Lantern supports St Giles Trust",
  "Accessibility statement",
  "Skip to main content",
  "Back to",
];

/** Prints the page as Chromium would to A4 and reads the text back with pdftotext. */
async function printed(name: string): Promise<{ text: string; pdf: string }> {
  const pdf = path.join(keep ?? work, `${name}.pdf`);
  fs.mkdirSync(path.dirname(pdf), { recursive: true });
  await page.pdf({ path: pdf, format: "A4", printBackground: true });
  const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
  if (keep) execFileSync("pdftoppm", ["-png", "-r", "60", pdf, pdf.replace(/\.pdf$/, "")]);
  return { text, pdf };
}

function squashed(text: string) {
  return text.replace(/\s+/g, " ");
}

function expectNoFrame(text: string) {
  for (const words of FRAME) expect(squashed(text)).not.toContain(words);
}

beforeAll(async () => {
  server = await startTestServer();
  const world = await buildDeliveryWorld();
  const { db } = world;
  const f = await import("~/seed/factories/sessions.server");
  await db
    .updateTable("organisations")
    .set({ address: "Bluebell Road\nNorwich", contact_phone: "01603 555 0101" })
    .where("id", "=", world.schoolA)
    .execute();
  teachersSession = await f.insertSession(db, {
    programmeId: world.programme,
    offeringId: world.offerings.twilight,
    startsAt: londonAt(3, "15:45"),
    settingId: world.schoolA,
    venue: "Library",
    trainerIds: [world.users.dan],
  });
  const t = new Date().toISOString();
  const booker = (name: string, organisation: string, accessNeeds: string | null) => ({
    id: `reg-${name.replace(/\W/g, "")}`,
    session_id: teachersSession,
    name,
    email: `${name.split(" ")[0].toLowerCase()}@example.org`,
    organisation_name: organisation,
    organisation_id: null,
    user_id: null,
    access_needs: accessNeeds,
    status: "confirmed" as const,
    is_walk_in: 0,
    attendance: null,
    cancel_token_hash: null,
    reminder_sent_at: null,
    promoted_at: null,
    cancelled_at: null,
    anonymised_at: null,
    created_at: t,
    updated_at: t,
  });
  await db
    .insertInto("registrations")
    .values([
      booker("Amira Hussain", "Wensum Valley Academy", "I use a wheelchair"),
      booker("Tom Baker", "Harbour Reach Academy", null),
    ])
    .execute();
  // The run-sheet's history has something in it, so its print can be seen to leave it out.
  await db
    .insertInto("session_events")
    .values({
      id: "event-printouts-1",
      session_id: teachersSession,
      booking_request_id: null,
      event: "scheduled",
      from_status: null,
      to_status: "scheduled",
      actor_user_id: world.users.lead,
      reason: "Booked by phone with the school",
      overridden_warnings: null,
      at: t,
    })
    .execute();
  const { DeliveryBatch } = await import("~/seed/factories/delivery-batch.server");
  const batch = new DeliveryBatch();
  const nineW1 = batch.class({ settingId: world.schoolA, yearGroup: "9", name: "9W1", pupils: 28 });
  pupilSession = batch.session({
    programmeId: world.programme,
    offeringId: world.offerings.workshop,
    settingId: world.schoolA,
    startsAt: londonAt(4, "10:00").toISOString(),
    status: "scheduled",
    classes: [{ classId: nineW1, attended: null }],
  });
  batch.trainer(pupilSession, world.users.dan);
  await batch.write(db);
  await db
    .updateTable("classes")
    .set({ access_needs: "Two pupils use hearing aids" })
    .where("id", "=", nineW1)
    .execute();

  browser = await launchBrowser();
  context = await newContextWithoutAppScripts(browser, { viewport: { width: 1024, height: 900 } });
  page = await context.newPage();
  await signInAs(page, server.url, "dan@example.org", PASSWORD);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("the trainer's printouts, printed by Chromium and read back", () => {
  it("prints the register of bookers with their access needs, boxes to tick and rows for walk-ins", async () => {
    await page.goto(`${server.url}/sessions/${teachersSession}/register`);
    await expectNoAxeViolations(page);
    const { text } = await printed("register-bookers");
    const words = squashed(text);
    expect(words).toContain("Register: Twilight CPD for school staff");
    expect(words).toMatch(/Amira Hussain\s+Wensum Valley Academy\s+I use a wheelchair/);
    expect(words).toContain("Tom Baker");
    expect(words).toContain("Library, Wensum Valley Academy, Bluebell Road, Norwich, NR2 4AA");
    expect(words).toContain("Walk-ins: write in anyone who comes without booking");
    expect(words).toContain("Email (for a certificate)");
    expect(words).toContain("Dan Okafor");
    expectNoFrame(text);
    // The screen's note about printing is not printed.
    expect(words).not.toContain("Print this page");
  });

  it("prints any page, here the run-sheet, without its history, buttons or the site's frame", async () => {
    await page.goto(`${server.url}/sessions/${teachersSession}`);
    expect(await page.getByRole("heading", { name: "History" }).isVisible()).toBe(true);
    const { text } = await printed("run-sheet");
    const words = squashed(text);
    expect(words).toContain("Twilight CPD for school staff");
    expect(words).toContain("Phone on the day 01603 555 0101");
    expect(words).not.toContain("History");
    expect(words).not.toContain("Booked by phone with the school");
    // Addresses within Lantern mean nothing on paper; the map's address is printed.
    expect(words).not.toContain("(/sessions/");
    expect(text.replace(/\s+/g, "")).toContain(
      "(https://www.openstreetmap.org/search?query=NR2%204AA)",
    );
    expectNoFrame(text);
  });

  it("prints a pupil session's register class by class, with the pupil count and access needs", async () => {
    await page.goto(`${server.url}/sessions/${pupilSession}/register`);
    await expectNoAxeViolations(page);
    const { text } = await printed("register-classes");
    const words = squashed(text);
    expect(words).toContain("Register: Classroom workshop (Years 7–12)");
    expect(words).toContain("Wensum Valley Academy, Bluebell Road, Norwich, NR2 4AA");
    expect(words).not.toContain("Wensum Valley Academy, Wensum Valley Academy");
    expect(words).toMatch(/Year 9 — 9W1 .*28 Two pupils use hearing aids/);
    expect(words).toContain("Pupils who came");
    // Pupils are counted, never named: no rows to write names in.
    expect(words).not.toContain("Walk-ins");
    expectNoFrame(text);
  });

  it("prints the feedback poster: a large code for the link, short words, the address once", async () => {
    await page.goto(`${server.url}/sessions/${teachersSession}/feedback/poster`);
    await expectNoAxeViolations(page);
    const token = (
      await (
        await import("~/db/db.server")
      )
        .getDb()
        .selectFrom("delivery_sessions")
        .select("feedback_token")
        .where("id", "=", teachersSession)
        .executeTakeFirstOrThrow()
    ).feedback_token;
    const link = `${server.url}/feedback/${token}`;
    const { text, pdf } = await printed("feedback-poster");
    const compact = text.replace(/\s+/g, "");
    expect(compact.split(link).length - 1).toBe(1);
    expect(squashed(text)).toContain("Tell us what you think");
    expect(squashed(text)).toContain("Point your phone’s camera at the code.");
    expectNoFrame(text);
    // One page, and the code on it reads back as the link and spans over a third of its width.
    expect(execFileSync("pdfinfo", [pdf], { encoding: "utf8" })).toMatch(/Pages:\s+1\n/);
    const prefix = path.join(work, "poster");
    execFileSync("pdftoppm", ["-png", "-r", "100", "-singlefile", pdf, prefix]);
    const png = PNG.sync.read(fs.readFileSync(`${prefix}.png`));
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(link);
    const width = code!.location.topRightCorner.x - code!.location.topLeftCorner.x;
    expect(width / png.width).toBeGreaterThan(0.33);
  });

  it("prints the paper questionnaire with its statements, its scale and boxes, and links to the tallies", async () => {
    await page.goto(`${server.url}/sessions/${teachersSession}/feedback/paper`);
    await expectNoAxeViolations(page);
    // On screen, the way to enter what the paper forms say.
    expect(
      await page.getByRole("link", { name: "enter the paper tallies" }).getAttribute("href"),
    ).toBe(`/sessions/${teachersSession}/feedback#paper`);
    const { text } = await printed("paper-questionnaire");
    const words = squashed(text);
    expect(words).toContain("At the start");
    expect(words).toContain("At the end");
    expect(words).toContain("I can recognise the signs of child criminal exploitation");
    expect(words).toContain("I know where to get help and how to report a concern");
    expect(words).toContain("Strongly disagree");
    expect(words).toContain("Strongly agree");
    // Each statement is asked twice: at the start and at the end.
    expect(words.split("I can recognise the signs of child criminal exploitation").length - 1).toBe(
      2,
    );
    expectNoFrame(text);
    expect(words).not.toContain("enter the paper tallies");
  });
});

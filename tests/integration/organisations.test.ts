import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

let server: TestServer;
let lead: Client;
const FIXTURE = fs.readFileSync(path.resolve("tests/fixtures/gias-sample.csv"));

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const db = getDb();
  const partner = await insertOrganisation(db, {
    kind: "delivery_partner",
    name: "St Giles Trust",
  });
  const vcse = await insertOrganisation(db, {
    kind: "vcse",
    name: "Norwich Youth Harbour",
    districtId: "E07000148",
  });
  await insertUser(db, {
    email: "lead@example.org",
    name: "Priya Shah",
    password: PASSWORD,
    memberships: [{ organisationId: partner, role: "programme_lead" }],
  });
  await insertUser(db, {
    email: "manager@example.org",
    name: "Tom Reeve",
    password: PASSWORD,
    memberships: [{ organisationId: vcse, role: "organisation_manager" }],
  });
  lead = new Client(server.url);
  await lead.signIn("lead@example.org", PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

async function db() {
  return (await import("~/db/db.server")).getDb();
}

async function upload(
  c: Client,
  bytes: Buffer | Uint8Array,
  laCode = "926",
  name = "edubasealldata.csv",
) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "text/csv" }), name);
  form.append("laCode", laCode);
  return c.postMultipart("/admin/organisations/import", form);
}

/** Uploads, follows to the preview, and returns its id and text. */
async function uploadAndPreview(bytes: Buffer | Uint8Array, laCode = "926") {
  const res = await upload(lead, bytes, laCode);
  expect(res.status).toBe(302);
  const location = res.headers.get("location")!;
  expect(location).toMatch(/^\/admin\/organisations\/import\/[\w-]+$/);
  const preview = await lead.get(location);
  expect(preview.status).toBe(200);
  return { location, html: await preview.text() };
}

function count(html: string, key: string) {
  const m = new RegExp(`data-count="${key}"[^>]*>(\\d+)<`).exec(html);
  return m ? Number(m[1]) : NaN;
}

describe("organisations admin", () => {
  it("creates a setting with a normalised postcode and lists it under its district; audits the creation", async () => {
    const res = await lead.post("/admin/organisations/new?kind=setting", {
      name: "Marsh Lane Academy",
      urn: "123456",
      phase: "Secondary",
      establishmentType: "Academy converter",
      districtId: "E07000145",
      postcode: " nr30  1aa ",
    });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/")[3].split("?")[0];
    const row = await (
      await db()
    )
      .selectFrom("organisations")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: "setting",
      urn: "123456",
      postcode: "NR30 1AA",
      district_id: "E07000145",
      phase: "Secondary",
    });
    const list = textOf(
      await (await lead.get("/admin/organisations?district=E07000145&kind=setting")).text(),
    );
    expect(list).toContain("Marsh Lane Academy");
    expect(list).not.toContain("Norwich Youth Harbour");
    const byUrn = textOf(await (await lead.get("/admin/organisations?q=123456")).text());
    expect(byUrn).toContain("Marsh Lane Academy");
    const audit = await (
      await db()
    )
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "organisation.created")
      .where("subject_id", "=", id)
      .executeTakeFirst();
    expect(audit).toBeTruthy();
  });

  it("refuses a 5-digit URN, a made-up postcode, a district not in the table, and a URN already used", async () => {
    const bad = await lead.post("/admin/organisations/new?kind=setting", {
      name: "Bad School",
      urn: "12345",
      phase: "Primary",
      establishmentType: "Community school",
      districtId: "E07000148",
      postcode: "NOT A POSTCODE",
    });
    expect(bad.status).toBe(400);
    const text = textOf(await bad.text());
    expect(text).toContain("Enter the URN as 6 digits");
    expect(text).toContain("Enter a real postcode");

    const district = await lead.post("/admin/organisations/new?kind=setting", {
      name: "Suffolk School",
      urn: "654321",
      phase: "Primary",
      establishmentType: "Community school",
      districtId: "E07000244",
      postcode: "IP1 1AA",
    });
    expect(district.status).toBe(400);
    expect(textOf(await district.text())).toContain("Choose the district");

    const dup = await lead.post("/admin/organisations/new?kind=setting", {
      name: "Second Marsh Lane",
      urn: "123456",
      phase: "Primary",
      establishmentType: "Community school",
      districtId: "E07000148",
      postcode: "NR2 1AA",
    });
    expect(dup.status).toBe(400);
    expect(textOf(await dup.text())).toContain("URN 123456 already belongs to Marsh Lane Academy");
  });

  it("creates a VCSE organisation with optional numbers, edits it (audited with the change), archives and restores it", async () => {
    const res = await lead.post("/admin/organisations/new?kind=vcse", {
      name: "Yare Rowing Club",
      charityNumber: "1 190 099",
      districtId: "E07000145",
    });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/")[3].split("?")[0];
    const edit = await lead.post(`/admin/organisations/${id}/edit`, {
      name: "Yare Rowing and Youth Club",
      charityNumber: "1190099",
      companyNumber: "12345678",
      districtId: "E07000145",
    });
    expect(edit.status).toBe(302);
    const row = await (
      await db()
    )
      .selectFrom("organisations")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: "Yare Rowing and Youth Club",
      charity_number: "1190099",
      company_number: "12345678",
      urn: null,
    });
    const audit = await (
      await db()
    )
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "organisation.updated")
      .where("subject_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!).changes.name).toEqual({
      from: "Yare Rowing Club",
      to: "Yare Rowing and Youth Club",
    });

    expect((await lead.post(`/admin/organisations/${id}`, { intent: "archive" })).status).toBe(302);
    expect(textOf(await (await lead.get("/admin/organisations?q=Rowing")).text())).toContain(
      "No organisations match",
    );
    expect(
      textOf(await (await lead.get("/admin/organisations?q=Rowing&archived=only")).text()),
    ).toContain("Yare Rowing and Youth Club");
    expect((await lead.post(`/admin/organisations/${id}`, { intent: "unarchive" })).status).toBe(
      302,
    );
    expect(textOf(await (await lead.get("/admin/organisations?q=Rowing")).text())).toContain(
      "Yare Rowing and Youth Club",
    );
  });

  it("adds a delivery partner and the commissioner", async () => {
    expect(
      (await lead.post("/admin/organisations/new?kind=delivery_partner", { name: "Momentum" }))
        .status,
    ).toBe(302);
    expect(
      (
        await lead.post("/admin/organisations/new?kind=commissioner", {
          name: "Office of the Police and Crime Commissioner for Norfolk",
        })
      ).status,
    ).toBe(302);
    const list = textOf(await (await lead.get("/admin/organisations?kind=commissioner")).text());
    expect(list).toContain("Office of the Police and Crime Commissioner for Norfolk");
    expect(list).toContain("1 organisation");
  });

  it("gives an organisation manager 403 on the organisations pages", async () => {
    const manager = new Client(server.url);
    await manager.signIn("manager@example.org", PASSWORD);
    expect((await manager.get("/admin/organisations")).status).toBe(403);
    expect((await manager.get("/admin/organisations/import")).status).toBe(403);
    expect((await upload(manager, FIXTURE)).status).toBe(403);
  });
});

describe("import from Get Information About Schools", () => {
  it("previews 24 settings to create from Norfolk's open establishments, skipping closed and other authorities, and changes nothing yet", async () => {
    const { html } = await uploadAndPreview(FIXTURE);
    expect(count(html, "created")).toBe(24);
    expect(count(html, "updated")).toBe(0);
    expect(count(html, "unchanged")).toBe(0);
    expect(count(html, "skipped")).toBe(2);
    expect(count(html, "other-la")).toBe(3);
    const text = textOf(html);
    expect(text).toContain("Check the changes before you import");
    expect(text).toContain("Closed Lane Infant School");
    expect(text).toContain("Not open (status: Closed)");
    const n = await (
      await db()
    )
      .selectFrom("organisations")
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .where("urn", "like", "99%")
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it("applies the import in one go: 24 created with districts by code, Windows-1252 names intact, audited", async () => {
    const { location } = await uploadAndPreview(FIXTURE);
    const applied = await lead.post(location, { intent: "apply" });
    expect(applied.status).toBe(302);
    const report = await (await lead.get(applied.headers.get("location")!)).text();
    expect(count(report, "created")).toBe(24);
    expect(textOf(report)).toContain("Import report");

    const rows = await (
      await db()
    )
      .selectFrom("organisations")
      .selectAll()
      .where("urn", "like", "99%")
      .orderBy("urn")
      .execute();
    expect(rows).toHaveLength(24);
    expect(
      rows.every((r) => r.kind === "setting" && /^E0700014[3-9]$/.test(r.district_id ?? "")),
    ).toBe(true);
    expect(rows.map((r) => r.urn)).not.toContain("990200");
    expect(rows.map((r) => r.urn)).not.toContain("990300");
    const saint = rows.find((r) => r.urn === "990103")!;
    expect(saint.name).toBe("Saint \u00C6thelberht\u2019s C of E Primary");
    expect(saint.district_id).toBe("E07000146");
    expect(saint.postcode).toBe("PE30 4ZZ");
    expect(rows.find((r) => r.urn === "990105")).toMatchObject({
      establishment_type: "Pupil referral unit",
      district_id: "E07000148",
    });
    // The name survives the round trip to the page, too.
    expect(textOf(await (await lead.get("/admin/organisations?q=thelberht")).text())).toContain(
      "Saint \u00C6thelberht\u2019s C of E Primary",
    );

    const audit = await (
      await db()
    )
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "organisations.imported")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({
      created: 24,
      updated: 0,
      unchanged: 0,
      laCode: "926",
    });
    // Applying twice is refused.
    expect((await lead.post(location, { intent: "apply" })).status).toBe(409);
  });

  it("re-imports the same file as 24 unchanged", async () => {
    const { location, html } = await uploadAndPreview(FIXTURE);
    expect(count(html, "created")).toBe(0);
    expect(count(html, "updated")).toBe(0);
    expect(count(html, "unchanged")).toBe(24);
    await lead.post(location, { intent: "apply" });
    const report = await (await lead.get(location)).text();
    expect(count(report, "unchanged")).toBe(24);
  });

  it("shows a renamed establishment as updated, naming the field, and applies the new name", async () => {
    // A setting renamed in Lantern by hand differs from the register: the import puts it back.
    const d = await db();
    await d
      .updateTable("organisations")
      .set({ name: "Heathgate Old Name", postcode: "NR11 1AA" })
      .where("urn", "=", "990101")
      .execute();
    const { location, html } = await uploadAndPreview(FIXTURE);
    expect(count(html, "updated")).toBe(1);
    expect(count(html, "unchanged")).toBe(23);
    const text = textOf(html);
    expect(text).toMatch(/990101 Heathgate Academy Name Heathgate Old Name Heathgate Academy/);
    expect(text).toMatch(/Postcode NR11 1AA NR11 2ZZ/);
    await lead.post(location, { intent: "apply" });
    const row = await d
      .selectFrom("organisations")
      .selectAll()
      .where("urn", "=", "990101")
      .executeTakeFirstOrThrow();
    expect(row.name).toBe("Heathgate Academy");
    expect(row.postcode).toBe("NR11 2ZZ");
  });

  it("imports another authority when asked (Suffolk, 935): its rows map to no Norfolk district and are skipped with the reason", async () => {
    const { html } = await uploadAndPreview(FIXTURE, "935");
    expect(count(html, "created")).toBe(0);
    expect(count(html, "skipped")).toBe(3);
    expect(count(html, "other-la")).toBe(26);
    expect(textOf(html)).toContain("is not one of Lantern");
  });

  it("refuses a file that is not a GIAS extract, and an authority with no rows in the file", async () => {
    const wrong = await upload(lead, Buffer.from("name,email\nA,b@example.org\n"));
    expect(wrong.status).toBe(400);
    expect(textOf(await wrong.text())).toContain(
      "This is not a Get Information About Schools extract",
    );
    const none = await upload(lead, FIXTURE, "999");
    expect(none.status).toBe(400);
    expect(textOf(await none.text())).toContain("no establishments of local authority 999");
  });
});

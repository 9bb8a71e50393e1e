import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { AppError } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";
import { normalisePostcode, URN_PATTERN } from "./reference";

// Import of settings from the Department for Education's Get Information About Schools (GIAS)
// establishment extract: ~150 quoted columns, Windows-1252. An import keeps one local authority's
// open establishments, maps each to its district by `DistrictAdministrative (code)`, updates
// existing settings by URN and creates the others. An upload is stored first, so a lead checks the
// changes before they are applied (in one transaction), and the report is kept.

export {
  decodeGias,
  MAX_UPLOAD_BYTES,
  NORFOLK_LA_CODE,
  parseGias,
  type GiasRow,
  type ParsedGias,
} from "./gias-extract";
import type { GiasRow, ParsedGias } from "./gias-extract";

export const IMPORT_FIELDS = {
  name: "Name",
  establishment_type: "Type of establishment",
  phase: "Phase",
  district_id: "District",
  postcode: "Postcode",
} as const;
type ImportField = keyof typeof IMPORT_FIELDS;

export interface PlannedSetting {
  urn: string;
  name: string;
  establishment_type: string | null;
  phase: string | null;
  district_id: string;
  postcode: string | null;
}

export interface ImportPlan {
  laCode: string;
  laName: string | null;
  created: (PlannedSetting & { districtName: string })[];
  updated: {
    id: string;
    urn: string;
    name: string;
    values: PlannedSetting;
    changes: { field: ImportField; label: string; from: string | null; to: string | null }[];
  }[];
  unchanged: { id: string; urn: string; name: string }[];
  skipped: { urn: string; name: string; reason: string }[];
  otherLaCount: number;
  otherLaSample: string[];
}

const OPEN_STATUSES = new Set(["Open", "Open, but proposed to close"]);

export async function planImport(
  db: Queryable,
  parsed: Pick<ParsedGias, "laCode" | "laName" | "rows" | "otherLaCount" | "otherLaSample">,
): Promise<ImportPlan> {
  const districts = await db
    .selectFrom("districts")
    .select(["id", "code", "name"])
    .where("valid_to", "is", null)
    .execute();
  const districtByCode = new Map(districts.map((d) => [d.code, d]));
  const districtName = new Map(districts.map((d) => [d.id, d.name]));
  const urns = parsed.rows.map((r) => r.urn).filter((u) => URN_PATTERN.test(u));
  const existing = new Map<
    string,
    {
      id: string;
      kind: string;
      name: string;
      urn: string | null;
      establishment_type: string | null;
      phase: string | null;
      district_id: string | null;
      postcode: string | null;
    }
  >();
  // In chunks: SQLite limits the number of bound parameters in one statement.
  for (let i = 0; i < urns.length; i += 500) {
    const rows = await db
      .selectFrom("organisations")
      .select([
        "id",
        "kind",
        "name",
        "urn",
        "establishment_type",
        "phase",
        "district_id",
        "postcode",
      ])
      .where("urn", "in", urns.slice(i, i + 500))
      .execute();
    for (const r of rows) existing.set(r.urn!, r);
  }

  const plan: ImportPlan = {
    laCode: parsed.laCode,
    laName: parsed.laName,
    created: [],
    updated: [],
    unchanged: [],
    skipped: [],
    otherLaCount: parsed.otherLaCount,
    otherLaSample: parsed.otherLaSample,
  };
  const seen = new Set<string>();
  for (const row of parsed.rows) {
    const label = row.name || "(no name)";
    if (!URN_PATTERN.test(row.urn)) {
      plan.skipped.push({ urn: row.urn, name: label, reason: "The URN is not 6 digits" });
      continue;
    }
    if (seen.has(row.urn)) {
      plan.skipped.push({
        urn: row.urn,
        name: label,
        reason: "The URN appears more than once in the file",
      });
      continue;
    }
    seen.add(row.urn);
    if (!OPEN_STATUSES.has(row.status)) {
      const inLantern = existing.get(row.urn);
      plan.skipped.push({
        urn: row.urn,
        name: label,
        reason: `Not open (status: ${row.status || "blank"})${inLantern && inLantern.kind === "setting" ? ". Lantern still has it: archive it if it has closed" : ""}`,
      });
      continue;
    }
    if (!row.name) {
      plan.skipped.push({ urn: row.urn, name: label, reason: "No establishment name" });
      continue;
    }
    const district = districtByCode.get(row.districtCode);
    if (!district) {
      plan.skipped.push({
        urn: row.urn,
        name: label,
        reason: `District ${row.districtName || "(blank)"} (${row.districtCode || "no code"}) is not one of Lantern's districts`,
      });
      continue;
    }
    const values: PlannedSetting = {
      urn: row.urn,
      name: row.name,
      establishment_type: row.type || null,
      phase: row.phase || null,
      district_id: district.id,
      postcode: normalisePostcode(row.postcode) ?? null,
    };
    const current = existing.get(row.urn);
    if (!current) {
      plan.created.push({ ...values, districtName: district.name });
      continue;
    }
    if (current.kind !== "setting") {
      plan.skipped.push({
        urn: row.urn,
        name: label,
        reason: `URN ${row.urn} belongs to ${current.name}, which is not a setting`,
      });
      continue;
    }
    const changes: ImportPlan["updated"][number]["changes"] = [];
    for (const field of Object.keys(IMPORT_FIELDS) as ImportField[]) {
      const from = current[field] ?? null;
      const to = values[field] ?? null;
      // A blank postcode in the extract never wipes one entered by hand.
      if (field === "postcode" && to === null) continue;
      if (from !== to) {
        const show = (v: string | null) =>
          field === "district_id" && v ? (districtName.get(v) ?? v) : v;
        changes.push({ field, label: IMPORT_FIELDS[field], from: show(from), to: show(to) });
      }
    }
    if (changes.length)
      plan.updated.push({ id: current.id, urn: row.urn, name: row.name, values, changes });
    else plan.unchanged.push({ id: current.id, urn: row.urn, name: current.name });
  }
  return plan;
}

// ─── Stored uploads ──────────────────────────────────────────────────────────

export async function createImport(
  db: Queryable,
  input: { fileName: string; parsed: ParsedGias; userId: string },
) {
  const id = newId();
  await db
    .insertInto("organisation_imports")
    .values({
      id,
      uploaded_by: input.userId,
      file_name: input.fileName.slice(0, 200),
      la_code: input.parsed.laCode,
      la_name: input.parsed.laName,
      rows: JSON.stringify({ rows: input.parsed.rows, otherLaSample: input.parsed.otherLaSample }),
      other_la_count: input.parsed.otherLaCount,
      status: "pending",
      report: null,
      created_at: nowIso(),
      applied_at: null,
    })
    .execute();
  return id;
}

export async function getImport(db: Queryable, id: string) {
  return db
    .selectFrom("organisation_imports")
    .leftJoin("users", "users.id", "organisation_imports.uploaded_by")
    .selectAll("organisation_imports")
    .select("users.name as uploaded_by_name")
    .where("organisation_imports.id", "=", id)
    .executeTakeFirst();
}

export async function listImports(db: Queryable, limit = 10) {
  return db
    .selectFrom("organisation_imports")
    .leftJoin("users", "users.id", "organisation_imports.uploaded_by")
    .select([
      "organisation_imports.id",
      "organisation_imports.file_name",
      "organisation_imports.la_code",
      "organisation_imports.la_name",
      "organisation_imports.status",
      "organisation_imports.created_at",
      "organisation_imports.applied_at",
      "users.name as uploaded_by_name",
    ])
    .orderBy("organisation_imports.created_at", "desc")
    .limit(limit)
    .execute();
}

function storedParsed(imp: {
  la_code: string;
  la_name: string | null;
  rows: string;
  other_la_count: number;
}) {
  const stored = JSON.parse(imp.rows) as { rows: GiasRow[]; otherLaSample: string[] };
  return {
    laCode: imp.la_code,
    laName: imp.la_name,
    rows: stored.rows,
    otherLaCount: imp.other_la_count,
    otherLaSample: stored.otherLaSample,
  };
}

/** The plan for a pending import against the database as it is now, or the report of an applied one. */
export async function importView(db: Queryable, id: string) {
  const imp = await getImport(db, id);
  if (!imp) return null;
  const plan =
    imp.status === "applied" && imp.report
      ? (JSON.parse(imp.report) as ImportPlan)
      : await planImport(db, storedParsed(imp));
  return { import: imp, plan };
}

/** Applies a pending import in one transaction, re-planning inside it so the report is exactly what changed. */
export async function applyImport(db: DB, id: string, actor: { userId: string; ip?: string }) {
  return writeTransaction(db, async (tx) => {
    const imp = await tx
      .selectFrom("organisation_imports")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!imp) throw new AppError("not_found", "No such import.");
    if (imp.status !== "pending")
      throw new AppError("conflict", "This import has already been applied or discarded.");
    const plan = await planImport(tx, storedParsed(imp));
    const t = nowIso();
    for (const c of plan.created) {
      await tx
        .insertInto("organisations")
        .values({
          id: newId(),
          kind: "setting",
          name: c.name,
          urn: c.urn,
          phase: c.phase,
          establishment_type: c.establishment_type,
          district_id: c.district_id,
          postcode: c.postcode,
          charity_number: null,
          company_number: null,
          archived_at: null,
          created_at: t,
          updated_at: t,
        })
        .execute();
    }
    for (const u of plan.updated) {
      const set: Record<string, string | null> = {};
      for (const change of u.changes) set[change.field] = u.values[change.field];
      await tx
        .updateTable("organisations")
        .set({ ...set, updated_at: t })
        .where("id", "=", u.id)
        .execute();
    }
    await tx
      .updateTable("organisation_imports")
      .set({ status: "applied", applied_at: t, report: JSON.stringify(plan) })
      .where("id", "=", id)
      .execute();
    await audit(tx, {
      actorUserId: actor.userId,
      action: "organisations.imported",
      subjectType: "organisation_import",
      subjectId: id,
      detail: {
        file: imp.file_name,
        laCode: imp.la_code,
        created: plan.created.length,
        updated: plan.updated.length,
        unchanged: plan.unchanged.length,
        skipped: plan.skipped.length + plan.otherLaCount,
      },
      ip: actor.ip,
    });
    return plan;
  });
}

export async function discardImport(db: Queryable, id: string) {
  await db
    .updateTable("organisation_imports")
    .set({ status: "discarded", rows: JSON.stringify({ rows: [], otherLaSample: [] }) })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .execute();
}

import { audit } from "~/audit/audit.server";
import { containsInsensitive } from "~/db/dialect.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import type { Organisation, OrganisationKind } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";

// Organisations: settings, VCSE organisations, delivery partners and the commissioner. Programme
// leads manage them (the routes require `admin:organisations`); there is no narrower scope.

export const PAGE_SIZE = 50;

export async function listDistricts(db: Queryable, opts: { includeEnded?: boolean } = {}) {
  let q = db
    .selectFrom("districts")
    .select(["id", "code", "name", "county", "valid_to"])
    .orderBy("county")
    .orderBy("code");
  if (!opts.includeEnded) q = q.where("valid_to", "is", null);
  return q.execute();
}

export interface OrganisationFilter {
  kind?: string;
  district?: string;
  q?: string;
  archived?: "include" | "only";
  page?: number;
}

export async function listOrganisations(db: Queryable, filter: OrganisationFilter) {
  let q = db
    .selectFrom("organisations")
    .leftJoin("districts", "districts.id", "organisations.district_id");
  if (filter.kind) q = q.where("organisations.kind", "=", filter.kind as OrganisationKind);
  if (filter.district) q = q.where("organisations.district_id", "=", filter.district);
  if (filter.archived === "only") q = q.where("organisations.archived_at", "is not", null);
  else if (filter.archived !== "include") q = q.where("organisations.archived_at", "is", null);
  const needle = filter.q?.trim();
  if (needle) {
    q = q.where((eb) =>
      /^[0-9]{1,6}$/.test(needle)
        ? eb.or([
            eb("organisations.urn", "like", `${needle}%`),
            containsInsensitive(db, eb.ref("organisations.name"), needle),
          ])
        : containsInsensitive(db, eb.ref("organisations.name"), needle),
    );
  }
  const total = await q.select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirst();
  const page = Math.max(1, filter.page ?? 1);
  const rows = await q
    .select([
      "organisations.id",
      "organisations.kind",
      "organisations.name",
      "organisations.urn",
      "organisations.phase",
      "organisations.establishment_type",
      "organisations.postcode",
      "organisations.archived_at",
      "districts.name as district_name",
    ])
    .orderBy("organisations.name")
    .orderBy("organisations.id")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { rows, total: Number(total?.n ?? 0), page, pageSize: PAGE_SIZE };
}

export async function getOrganisation(db: Queryable, id: string) {
  return db
    .selectFrom("organisations")
    .leftJoin("districts", "districts.id", "organisations.district_id")
    .selectAll("organisations")
    .select(["districts.name as district_name"])
    .where("organisations.id", "=", id)
    .executeTakeFirst();
}

export async function countMembers(db: Queryable, organisationId: string) {
  const row = await db
    .selectFrom("memberships")
    .select(({ fn }) => fn.count<number>("user_id").distinct().as("n"))
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The fields a form can set; which apply depends on the kind. */
export interface OrganisationInput {
  name: string;
  urn?: string | null;
  phase?: string | null;
  establishmentType?: string | null;
  /** A lead's setting type for reports; null: the register's answer. */
  settingType?: string | null;
  districtId?: string | null;
  postcode?: string | null;
  address?: string | null;
  contactPhone?: string | null;
  charityNumber?: string | null;
  companyNumber?: string | null;
}

type SaveResult = { ok: true; id: string } | { ok: false; field: string; message: string };

const FIELD_COLUMNS = {
  name: "name",
  urn: "urn",
  phase: "phase",
  establishmentType: "establishment_type",
  settingType: "setting_type",
  districtId: "district_id",
  postcode: "postcode",
  address: "address",
  contactPhone: "contact_phone",
  charityNumber: "charity_number",
  companyNumber: "company_number",
} as const satisfies Record<keyof OrganisationInput, keyof Organisation>;

/** Only the columns that belong to the kind; the others are cleared. */
function columnsFor(kind: OrganisationKind, input: OrganisationInput) {
  const setting = kind === "setting";
  return {
    name: input.name.trim(),
    urn: setting ? (input.urn ?? null) : null,
    phase: setting ? (input.phase ?? null) : null,
    establishment_type: setting ? (input.establishmentType ?? null) : null,
    setting_type: setting ? (input.settingType ?? null) : null,
    district_id: kind === "setting" || kind === "vcse" ? (input.districtId ?? null) : null,
    postcode: setting ? (input.postcode ?? null) : null,
    address: setting ? (input.address ?? null) : null,
    contact_phone: setting ? (input.contactPhone ?? null) : null,
    charity_number:
      kind === "vcse" || kind === "delivery_partner" ? (input.charityNumber ?? null) : null,
    company_number:
      kind === "vcse" || kind === "delivery_partner" ? (input.companyNumber ?? null) : null,
  };
}

async function checkReferences(
  db: Queryable,
  kind: OrganisationKind,
  cols: ReturnType<typeof columnsFor>,
  selfId?: string,
) {
  if (cols.district_id) {
    const district = await db
      .selectFrom("districts")
      .select("id")
      .where("id", "=", cols.district_id)
      .where("valid_to", "is", null)
      .executeTakeFirst();
    if (!district) return { field: "districtId", message: "Choose the district" };
  }
  if (kind === "setting" && cols.urn) {
    let q = db.selectFrom("organisations").select(["id", "name"]).where("urn", "=", cols.urn);
    if (selfId) q = q.where("id", "!=", selfId);
    const other = await q.executeTakeFirst();
    if (other) return { field: "urn", message: `URN ${cols.urn} already belongs to ${other.name}` };
  }
  return null;
}

export async function createOrganisation(
  db: DB,
  kind: OrganisationKind,
  input: OrganisationInput,
  actor: { userId: string; ip?: string },
): Promise<SaveResult> {
  const cols = columnsFor(kind, input);
  return writeTransaction(db, async (tx) => {
    const problem = await checkReferences(tx, kind, cols);
    if (problem) return { ok: false as const, ...problem };
    const id = newId();
    const t = nowIso();
    await tx
      .insertInto("organisations")
      .values({ id, kind, ...cols, archived_at: null, created_at: t, updated_at: t })
      .execute();
    await audit(tx, {
      actorUserId: actor.userId,
      action: "organisation.created",
      subjectType: "organisation",
      subjectId: id,
      detail: { kind, name: cols.name },
      ip: actor.ip,
    });
    return { ok: true as const, id };
  });
}

export async function updateOrganisation(
  db: DB,
  id: string,
  input: OrganisationInput,
  actor: { userId: string; ip?: string },
): Promise<SaveResult | { ok: false; field: "not_found"; message: string }> {
  return writeTransaction(db, async (tx) => {
    const current = await tx
      .selectFrom("organisations")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!current)
      return { ok: false as const, field: "not_found" as const, message: "No such organisation" };
    const cols = columnsFor(current.kind, input);
    const problem = await checkReferences(tx, current.kind, cols, id);
    if (problem) return { ok: false as const, ...problem };
    const changes: Record<string, { from: string | null; to: string | null }> = {};
    for (const [key, value] of Object.entries(cols) as [keyof typeof cols, string | null][]) {
      if ((current[key] ?? null) !== value)
        changes[key] = { from: current[key] ?? null, to: value };
    }
    if (Object.keys(changes).length) {
      await tx
        .updateTable("organisations")
        .set({ ...cols, updated_at: nowIso() })
        .where("id", "=", id)
        .execute();
      await audit(tx, {
        actorUserId: actor.userId,
        action: "organisation.updated",
        subjectType: "organisation",
        subjectId: id,
        detail: { changes },
        ip: actor.ip,
      });
    }
    return { ok: true as const, id };
  });
}

export async function setArchived(
  db: DB,
  id: string,
  archived: boolean,
  actor: { userId: string; ip?: string },
) {
  return writeTransaction(db, async (tx) => {
    const current = await tx
      .selectFrom("organisations")
      .select(["id", "archived_at"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!current) return false;
    if (!!current.archived_at === archived) return true;
    await tx
      .updateTable("organisations")
      .set({ archived_at: archived ? nowIso() : null, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await audit(tx, {
      actorUserId: actor.userId,
      action: "organisation.updated",
      subjectType: "organisation",
      subjectId: id,
      detail: { archived },
      ip: actor.ip,
    });
    return true;
  });
}

/** Choices for organisation pickers (invitations, adding a role): active organisations only. */
export async function organisationOptions(db: Queryable, opts: { ids?: string[] } = {}) {
  let q = db
    .selectFrom("organisations")
    .select(["id", "name", "kind"])
    .where("archived_at", "is", null)
    .orderBy("name");
  if (opts.ids) {
    if (!opts.ids.length) return [];
    q = q.where("id", "in", opts.ids);
  }
  return q.execute();
}

/** How many organisations are not archived (lists choose between a drop-down and a search by it). */
export async function countOrganisations(db: Queryable) {
  const row = await db
    .selectFrom("organisations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export { FIELD_COLUMNS };

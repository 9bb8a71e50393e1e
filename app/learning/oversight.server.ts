import { toCsv } from "~/utils/csv.server";
import type { Queryable } from "~/db/db.server";
import type { SessionUser } from "~/auth/guard.server";
import { has, organisationIdsWithRole, type Authenticated } from "~/auth/guard.server";
import { AppError } from "~/utils/errors.server";
import { cachedView } from "~/reports/view-cache.server";

// Oversight: organisation managers see their own organisation's staff; programme leads see every
// organisation's. Staff are the people with any role in the organisation (not disabled).

/** The organisations this person may oversee; throws forbidden for any other. */
export function assertCanOversee(auth: Authenticated, organisationId: string) {
  if (has(auth, "learning:oversee:any")) return;
  if (
    has(auth, "learning:oversee:own-organisation") &&
    organisationIdsWithRole(auth.user, "organisation_manager").includes(organisationId)
  )
    return;
  throw new AppError(
    "forbidden",
    "You can only see the learning of your own organisation's staff.",
  );
}

export function ownOrganisations(user: SessionUser) {
  return user.memberships
    .filter((m) => m.role === "organisation_manager")
    .map((m) => ({ id: m.organisationId, name: m.organisationName }));
}

export type CellStatus = "not_started" | "in_progress" | "completed";

/** An organisation's staff: everyone with any role in it who is not disabled, by name. */
export async function organisationStaff(db: Queryable, organisationId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email"])
    .where("memberships.organisation_id", "=", organisationId)
    .where("users.disabled_at", "is", null)
    .distinct()
    .orderBy("users.name")
    .execute();
}

export async function organisationProgress(db: Queryable, organisationId: string) {
  const org = await db
    .selectFrom("organisations")
    .leftJoin("districts", "districts.id", "organisations.district_id")
    .select(["organisations.id", "organisations.name", "districts.name as district"])
    .where("organisations.id", "=", organisationId)
    .executeTakeFirst();
  if (!org) throw new AppError("not_found", "We could not find that organisation.");
  const staff = await organisationStaff(db, organisationId);
  const modules = await db
    .selectFrom("learning_module_versions")
    .select(["module_id", "title"])
    .where("status", "=", "published")
    .orderBy("title")
    .execute();
  const staffIds = staff.map((s) => s.id);
  const enrolments = staffIds.length
    ? await db
        .selectFrom("learning_enrolments as e")
        .innerJoin("learning_module_versions as v", "v.id", "e.version_id")
        .select([
          "e.user_id",
          "e.module_id",
          "e.completed_at",
          "e.best_score",
          "e.enrolled_at",
          "v.version",
        ])
        .where("e.user_id", "in", staffIds)
        .execute()
    : [];
  const key = (u: string, m: string) => `${u}|${m}`;
  const byKey = new Map(enrolments.map((e) => [key(e.user_id, e.module_id), e]));
  const rows = staff.map((s) => ({
    userId: s.id,
    name: s.name,
    email: s.email,
    cells: modules.map((m) => {
      const e = byKey.get(key(s.id, m.module_id));
      const status: CellStatus = !e ? "not_started" : e.completed_at ? "completed" : "in_progress";
      return {
        moduleId: m.module_id,
        status,
        bestScore: e?.best_score ?? null,
        completedAt: e?.completed_at ?? null,
        version: e?.version ?? null,
      };
    }),
  }));
  const passport = modules.map((m, i) => {
    const completed = rows.filter((r) => r.cells[i].status === "completed").length;
    const inProgress = rows.filter((r) => r.cells[i].status === "in_progress").length;
    return {
      moduleId: m.module_id,
      title: m.title,
      completed,
      inProgress,
      staff: staff.length,
      percent: staff.length ? Math.round((completed * 100) / staff.length) : 0,
    };
  });
  return {
    organisation: org,
    modules: modules.map((m) => ({ id: m.module_id, title: m.title })),
    rows,
    passport,
  };
}

const STATUS_TEXT: Record<CellStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  completed: "Completed",
};
export function statusText(s: CellStatus) {
  return STATUS_TEXT[s];
}

export function organisationProgressCsv(
  p: Awaited<ReturnType<typeof organisationProgress>>,
): string {
  const header = [
    "Name",
    "Email address",
    "Module",
    "Version",
    "Status",
    "Best score (%)",
    "Completed on",
  ];
  const rows: unknown[][] = [];
  for (const r of p.rows) {
    r.cells.forEach((c, i) => {
      rows.push([
        r.name,
        r.email,
        p.modules[i].title,
        c.version ?? "",
        STATUS_TEXT[c.status],
        c.bestScore ?? "",
        c.completedAt ? c.completedAt.slice(0, 10) : "",
      ]);
    });
  }
  return toCsv(header, rows);
}

/**
 * Every organisation's enrolments and completions, kept while no report data changes (the kept
 * views of the reports, view-cache.server.ts: enrolments and memberships move its version). At a
 * hundred times the programme's size it reads 22,000 enrolments with their learners' memberships,
 * about 100 ms, which a lead paging or searching the list paid on every page (issue 16).
 */
export function keptProgrammeOverview(db: Queryable) {
  return cachedView(db, { view: "learning-overview" }, () => programmeOverview(db));
}

/** Every organisation's enrolments and completions, for programme leads. */
export async function programmeOverview(db: Queryable) {
  const rows = await db
    .selectFrom("learning_enrolments as e")
    .innerJoin("memberships as m", "m.user_id", "e.user_id")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .select(["o.id as organisation_id", "e.id as enrolment_id", "e.completed_at", "e.user_id"])
    .distinct()
    .execute();
  const orgs = await db
    .selectFrom("organisations as o")
    .leftJoin("districts as d", "d.id", "o.district_id")
    .select(["o.id", "o.name", "o.kind", "d.id as district_id", "d.name as district"])
    .where("o.archived_at", "is", null)
    .execute();
  const staffCounts = await db
    .selectFrom("memberships")
    .select(["organisation_id", (eb) => eb.fn.count<number>("user_id").distinct().as("n")])
    .groupBy("organisation_id")
    .execute();
  const staffBy = new Map(staffCounts.map((s) => [s.organisation_id, Number(s.n)]));
  const byOrg = new Map<
    string,
    {
      enrolments: Set<string>;
      completions: Set<string>;
      learners: Set<string>;
      completers: Set<string>;
    }
  >();
  for (const r of rows) {
    const x = byOrg.get(r.organisation_id) ?? {
      enrolments: new Set(),
      completions: new Set(),
      learners: new Set(),
      completers: new Set(),
    };
    x.enrolments.add(r.enrolment_id);
    x.learners.add(r.user_id);
    if (r.completed_at) {
      x.completions.add(r.enrolment_id);
      x.completers.add(r.user_id);
    }
    byOrg.set(r.organisation_id, x);
  }
  const organisations = orgs
    .filter((o) => o.kind === "vcse" || byOrg.has(o.id))
    .map((o) => {
      const x = byOrg.get(o.id);
      return {
        id: o.id,
        name: o.name,
        district: o.district ?? "No district",
        districtId: o.district_id,
        staff: staffBy.get(o.id) ?? 0,
        learners: x?.learners.size ?? 0,
        enrolments: x?.enrolments.size ?? 0,
        completions: x?.completions.size ?? 0,
      };
    })
    .sort((a, b) => b.enrolments - a.enrolments || a.name.localeCompare(b.name));
  const districtMap = new Map<
    string,
    {
      district: string;
      organisations: number;
      reached: number;
      enrolments: Set<string>;
      completions: Set<string>;
    }
  >();
  const orgDistrict = new Map(orgs.map((o) => [o.id, o.district ?? "No district"]));
  for (const o of organisations) {
    const d = districtMap.get(o.district) ?? {
      district: o.district,
      organisations: 0,
      reached: 0,
      enrolments: new Set(),
      completions: new Set(),
    };
    d.organisations++;
    if (o.enrolments > 0) d.reached++;
    districtMap.set(o.district, d);
  }
  // Count each enrolment once per district, even if its learner belongs to two organisations there.
  for (const r of rows) {
    const name = orgDistrict.get(r.organisation_id) ?? "No district";
    const d = districtMap.get(name);
    if (!d) continue;
    d.enrolments.add(r.enrolment_id);
    if (r.completed_at) d.completions.add(r.enrolment_id);
  }
  const districts = [...districtMap.values()]
    .map((d) => ({
      district: d.district,
      organisations: d.organisations,
      reached: d.reached,
      enrolments: d.enrolments.size,
      completions: d.completions.size,
    }))
    .sort((a, b) =>
      a.district === "No district"
        ? 1
        : b.district === "No district"
          ? -1
          : a.district.localeCompare(b.district),
    );
  const totals = await db
    .selectFrom("learning_enrolments")
    .select([
      (eb) => eb.fn.countAll<number>().as("enrolments"),
      (eb) => eb.fn.count<number>("completed_at").as("completions"),
    ])
    .executeTakeFirstOrThrow();
  return {
    organisations,
    districts,
    totals: {
      enrolments: Number(totals.enrolments),
      completions: Number(totals.completions),
      organisationsReached: organisations.filter((o) => o.enrolments > 0).length,
    },
  };
}

export function programmeOverviewCsv(p: Awaited<ReturnType<typeof programmeOverview>>): string {
  return toCsv(
    ["Organisation", "District", "Staff", "Learners", "Enrolments", "Completions"],
    p.organisations.map((o) => [
      o.name,
      o.district,
      o.staff,
      o.learners,
      o.enrolments,
      o.completions,
    ]),
  );
}

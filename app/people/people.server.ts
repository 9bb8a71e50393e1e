import { membershipsWithOrganisation } from "~/auth/memberships.server";
import { audit } from "~/audit/audit.server";
import { createInvitation, INVITATION_LIFETIME_MS } from "~/auth/accounts.server";
import { has, organisationIdsWithRole, type Authenticated } from "~/auth/guard.server";
import { invalidateAllSessions } from "~/auth/session.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { containsInsensitive } from "~/db/dialect.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { enqueueEmail } from "~/email/outbox.server";
import { invitationEmail } from "~/email/templates.server";
import { now, nowIso } from "~/utils/clock.server";
import { AppError, forbidden, formProblem } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";

// People and their memberships. Programme leads see and manage everyone; an organisation manager
// sees only people with a role in an organisation they manage, and may invite only into those
// organisations, only as learner or organisation manager. Every function takes the caller's scope.

export type PeopleScope =
  { all: true; userId: string } | { all: false; userId: string; organisationIds: string[] };

export const MANAGER_INVITABLE_ROLES: Role[] = ["learner", "organisation_manager"];

/** The caller's scope over people, or 403 for a role that has none. */
export function peopleScope(auth: Authenticated): PeopleScope {
  if (has(auth, "admin:people")) return { all: true, userId: auth.user.id };
  if (has(auth, "people:invite:own-organisation")) {
    return {
      all: false,
      userId: auth.user.id,
      organisationIds: organisationIdsWithRole(auth.user, "organisation_manager"),
    };
  }
  forbidden();
}

export function rolesScopeMayInvite(scope: PeopleScope, allRoles: Role[]): Role[] {
  return scope.all ? allRoles : allRoles.filter((r) => MANAGER_INVITABLE_ROLES.includes(r));
}

export const PEOPLE_PAGE_SIZE = 50;

export async function listPeople(
  db: Queryable,
  scope: PeopleScope,
  filter: {
    q?: string;
    organisation?: string;
    organisationName?: string;
    role?: string;
    status?: "active" | "disabled";
    page?: number;
  },
) {
  if (!scope.all && !scope.organisationIds.length)
    return { rows: [], total: 0, page: 1, pageSize: PEOPLE_PAGE_SIZE };
  let q = db.selectFrom("users");
  // A person is in scope when they hold any role in one of the scope's organisations; the
  // organisation and role filters narrow further within that.
  if (!scope.all) {
    const ids = scope.organisationIds;
    q = q.where("users.id", "in", (eb) =>
      eb.selectFrom("memberships").select("user_id").where("organisation_id", "in", ids),
    );
  }
  const organisationName = filter.organisationName?.trim();
  if (filter.organisation || filter.role || organisationName) {
    q = q.where("users.id", "in", (eb) => {
      let sub = eb.selectFrom("memberships").select("user_id");
      if (filter.organisation) sub = sub.where("organisation_id", "=", filter.organisation);
      if (organisationName)
        sub = sub.where("organisation_id", "in", (o) =>
          o
            .selectFrom("organisations")
            .select("id")
            .where((x) => containsInsensitive(db, x.ref("organisations.name"), organisationName)),
        );
      if (filter.role) sub = sub.where("role", "=", filter.role as Role);
      if (!scope.all) sub = sub.where("organisation_id", "in", scope.organisationIds);
      return sub;
    });
  }
  if (filter.status === "disabled") q = q.where("users.disabled_at", "is not", null);
  else if (filter.status === "active") q = q.where("users.disabled_at", "is", null);
  const needle = filter.q?.trim();
  if (needle)
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(db, eb.ref("users.name"), needle),
        containsInsensitive(db, eb.ref("users.email"), needle),
      ]),
    );
  const total = await q.select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirst();
  const page = Math.max(1, filter.page ?? 1);
  const users = await q
    .select(["users.id", "users.name", "users.email", "users.disabled_at"])
    .orderBy("users.name")
    .orderBy("users.id")
    .limit(PEOPLE_PAGE_SIZE)
    .offset((page - 1) * PEOPLE_PAGE_SIZE)
    .execute();
  const memberships = users.length
    ? await scopedMemberships(db, scope)
        .where(
          "memberships.user_id",
          "in",
          users.map((u) => u.id),
        )
        .execute()
    : [];
  return {
    rows: users.map((u) => ({ ...u, memberships: memberships.filter((m) => m.user_id === u.id) })),
    total: Number(total?.n ?? 0),
    page,
    pageSize: PEOPLE_PAGE_SIZE,
  };
}

function scopedMemberships(db: Queryable, scope: PeopleScope) {
  let q = membershipsWithOrganisation(db)
    .innerJoin("roles", "roles.name", "memberships.role")
    .select([
      "memberships.id",
      "memberships.user_id",
      "memberships.organisation_id",
      "memberships.role",
      "memberships.safeguarding_cleared",
      "memberships.created_at",
      "organisations.name as organisation_name",
    ])
    .orderBy("roles.sort_order")
    .orderBy("organisations.name");
  if (!scope.all)
    q = q.where(
      "memberships.organisation_id",
      "in",
      scope.organisationIds.length ? scope.organisationIds : ["-"],
    );
  return q;
}

/** A person, with their memberships as the caller may see them; null when out of scope. */
export async function getPerson(db: Queryable, scope: PeopleScope, userId: string) {
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "email", "disabled_at", "created_at", "totp_enabled_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const memberships = await scopedMemberships(db, scope)
    .where("memberships.user_id", "=", userId)
    .execute();
  if (!scope.all && !memberships.length) return null;
  const lastSignIn = await db
    .selectFrom("audit_log")
    .select("at")
    .where("actor_user_id", "=", userId)
    .where("action", "=", "auth.sign_in")
    .orderBy("at", "desc")
    .limit(1)
    .executeTakeFirst();
  return { ...user, memberships, lastSignInAt: lastSignIn?.at ?? null };
}

// ─── Invitations ─────────────────────────────────────────────────────────────

/** Invites on the caller's behalf, enforcing what an organisation manager may do. */
export async function invitePerson(
  db: DB,
  scope: PeopleScope,
  input: { email: string; organisationId: string; role: Role; baseUrl: string; ip?: string },
) {
  if (!scope.all) {
    if (!scope.organisationIds.includes(input.organisationId))
      throw new AppError("forbidden", "You can only invite people to your own organisation.");
    if (!MANAGER_INVITABLE_ROLES.includes(input.role))
      throw new AppError("forbidden", "You can only invite learners and organisation managers.");
  }
  const org = await db
    .selectFrom("organisations")
    .select(["id", "archived_at"])
    .where("id", "=", input.organisationId)
    .executeTakeFirst();
  if (!org || org.archived_at) return formProblem("organisationId", "Choose an organisation.");
  try {
    return {
      ok: true as const,
      ...(await createInvitation(db, { ...input, invitedBy: scope.userId })),
    };
  } catch (error) {
    // The account already has the role there: shown on the email address it was typed in.
    if (error instanceof AppError && error.code === "conflict")
      return formProblem("email", error.message);
    throw error;
  }
}

export async function listInvitations(db: Queryable, scope: PeopleScope) {
  let q = db
    .selectFrom("invitations")
    .innerJoin("organisations", "organisations.id", "invitations.organisation_id")
    .leftJoin("users as inviter", "inviter.id", "invitations.invited_by")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.role",
      "invitations.organisation_id",
      "invitations.expires_at",
      "invitations.created_at",
      "organisations.name as organisation_name",
      "inviter.name as inviter_name",
    ])
    .where("invitations.accepted_at", "is", null)
    .where("invitations.revoked_at", "is", null)
    .orderBy("invitations.created_at", "desc")
    .limit(500);
  if (!scope.all)
    q = q.where(
      "invitations.organisation_id",
      "in",
      scope.organisationIds.length ? scope.organisationIds : ["-"],
    );
  const rows = await q.execute();
  const t = now().getTime();
  return rows.map((r) => ({ ...r, expired: Date.parse(r.expires_at) <= t }));
}

async function openInvitationInScope(db: Queryable, scope: PeopleScope, id: string) {
  const inv = await db
    .selectFrom("invitations")
    .innerJoin("organisations", "organisations.id", "invitations.organisation_id")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.role",
      "invitations.organisation_id",
      "invitations.accepted_at",
      "invitations.revoked_at",
      "organisations.name as organisation_name",
    ])
    .where("invitations.id", "=", id)
    .executeTakeFirst();
  if (!inv || (!scope.all && !scope.organisationIds.includes(inv.organisation_id)))
    throw new AppError("not_found", "No such invitation.");
  if (inv.accepted_at || inv.revoked_at)
    throw new AppError("conflict", "That invitation has already been accepted or withdrawn.");
  return inv;
}

/** A fresh link (the old one stops working) and a new 7-day expiry, emailed again. */
export async function resendInvitation(
  db: DB,
  scope: PeopleScope,
  id: string,
  input: { baseUrl: string; ip?: string },
) {
  const token = generateToken();
  return writeTransaction(db, async (tx) => {
    const inv = await openInvitationInScope(tx, scope, id);
    await tx
      .updateTable("invitations")
      .set({
        token_hash: hashToken(token),
        expires_at: new Date(now().getTime() + INVITATION_LIFETIME_MS).toISOString(),
      })
      .where("id", "=", id)
      .execute();
    const inviter = await tx
      .selectFrom("users")
      .select("name")
      .where("id", "=", scope.userId)
      .executeTakeFirst();
    await enqueueEmail(
      tx,
      invitationEmail({
        to: inv.email,
        link: `${input.baseUrl}/invitations/${token}`,
        organisationName: inv.organisation_name,
        role: inv.role,
        inviterName: inviter?.name ?? "Lantern",
      }),
    );
    await audit(tx, {
      actorUserId: scope.userId,
      action: "invitation.resent",
      subjectType: "invitation",
      subjectId: id,
      detail: { email: inv.email },
      ip: input.ip,
    });
    return inv;
  });
}

export async function revokeInvitation(
  db: DB,
  scope: PeopleScope,
  id: string,
  input: { ip?: string },
) {
  return writeTransaction(db, async (tx) => {
    const inv = await openInvitationInScope(tx, scope, id);
    await tx
      .updateTable("invitations")
      .set({ revoked_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await audit(tx, {
      actorUserId: scope.userId,
      action: "invitation.revoked",
      subjectType: "invitation",
      subjectId: id,
      detail: { email: inv.email },
      ip: input.ip,
    });
    return inv;
  });
}

// ─── Memberships and accounts (programme leads) ─────────────────────────────

function requireAll(scope: PeopleScope) {
  if (!scope.all)
    throw new AppError("forbidden", "Only programme leads can change roles and accounts.");
}

async function membershipOf(db: Queryable, userId: string, membershipId: string) {
  const m = await membershipsWithOrganisation(db)
    .select([
      "memberships.id",
      "memberships.user_id",
      "memberships.role",
      "memberships.organisation_id",
      "memberships.safeguarding_cleared",
      "organisations.name as organisation_name",
    ])
    .where("memberships.id", "=", membershipId)
    .where("memberships.user_id", "=", userId)
    .executeTakeFirst();
  if (!m) throw new AppError("not_found", "No such role.");
  return m;
}

export async function getMembership(
  db: Queryable,
  scope: PeopleScope,
  userId: string,
  membershipId: string,
) {
  requireAll(scope);
  return membershipOf(db, userId, membershipId);
}

export async function addMembership(
  db: DB,
  scope: PeopleScope,
  input: { userId: string; organisationId: string; role: Role; ip?: string },
) {
  requireAll(scope);
  return writeTransaction(db, async (tx) => {
    const user = await tx
      .selectFrom("users")
      .select("id")
      .where("id", "=", input.userId)
      .executeTakeFirst();
    if (!user) throw new AppError("not_found", "No such person.");
    const org = await tx
      .selectFrom("organisations")
      .select(["id", "name", "archived_at"])
      .where("id", "=", input.organisationId)
      .executeTakeFirst();
    if (!org || org.archived_at) return formProblem("organisationId", "Choose an organisation.");
    const dup = await tx
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", input.userId)
      .where("organisation_id", "=", input.organisationId)
      .where("role", "=", input.role)
      .executeTakeFirst();
    if (dup) return formProblem("role", `They already have that role at ${org.name}.`);
    const id = newId();
    await tx
      .insertInto("memberships")
      .values({
        id,
        user_id: input.userId,
        organisation_id: input.organisationId,
        role: input.role,
        safeguarding_cleared: 0,
        created_at: nowIso(),
      })
      .execute();
    await audit(tx, {
      actorUserId: scope.userId,
      action: "membership.added",
      subjectType: "user",
      subjectId: input.userId,
      detail: {
        membershipId: id,
        organisationId: org.id,
        organisation: org.name,
        role: input.role,
      },
      ip: input.ip,
    });
    return { ok: true as const, id };
  });
}

export async function changeRole(
  db: DB,
  scope: PeopleScope,
  input: { userId: string; membershipId: string; role: Role; ip?: string },
) {
  requireAll(scope);
  return writeTransaction(db, async (tx) => {
    const m = await membershipOf(tx, input.userId, input.membershipId);
    if (m.role === input.role) return { ok: true as const };
    if (input.userId === scope.userId && m.role === "programme_lead")
      return formProblem(
        "role",
        "You cannot change your own programme lead role: ask another lead.",
      );
    const dup = await tx
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", input.userId)
      .where("organisation_id", "=", m.organisation_id)
      .where("role", "=", input.role)
      .executeTakeFirst();
    if (dup) return formProblem("role", `They already have that role at ${m.organisation_name}.`);
    await tx.updateTable("memberships").set({ role: input.role }).where("id", "=", m.id).execute();
    await audit(tx, {
      actorUserId: scope.userId,
      action: "membership.role_changed",
      subjectType: "user",
      subjectId: input.userId,
      detail: {
        membershipId: m.id,
        organisation: m.organisation_name,
        from: m.role,
        to: input.role,
      },
      ip: input.ip,
    });
    return { ok: true as const };
  });
}

export async function removeMembership(
  db: DB,
  scope: PeopleScope,
  input: { userId: string; membershipId: string; ip?: string },
) {
  requireAll(scope);
  return writeTransaction(db, async (tx) => {
    const m = await membershipOf(tx, input.userId, input.membershipId);
    if (input.userId === scope.userId && m.role === "programme_lead")
      return formProblem("", "You cannot remove your own programme lead role: ask another lead.");
    await tx.deleteFrom("memberships").where("id", "=", m.id).execute();
    await audit(tx, {
      actorUserId: scope.userId,
      action: "membership.removed",
      subjectType: "user",
      subjectId: input.userId,
      detail: {
        organisation: m.organisation_name,
        organisationId: m.organisation_id,
        role: m.role,
      },
      ip: input.ip,
    });
    return { ok: true as const, membership: m };
  });
}

export async function setClearance(
  db: DB,
  scope: PeopleScope,
  input: { userId: string; membershipId: string; cleared: boolean; ip?: string },
) {
  requireAll(scope);
  return writeTransaction(db, async (tx) => {
    const m = await membershipOf(tx, input.userId, input.membershipId);
    if (!!m.safeguarding_cleared === input.cleared) return { ok: true as const };
    await tx
      .updateTable("memberships")
      .set({ safeguarding_cleared: input.cleared ? 1 : 0 })
      .where("id", "=", m.id)
      .execute();
    await audit(tx, {
      actorUserId: scope.userId,
      action: "membership.clearance_changed",
      subjectType: "user",
      subjectId: input.userId,
      detail: {
        membershipId: m.id,
        organisation: m.organisation_name,
        role: m.role,
        safeguardingCleared: input.cleared,
      },
      ip: input.ip,
    });
    return { ok: true as const };
  });
}

/** Disabling ends every session at once; a disabled person cannot sign in or reset their password. */
export async function setDisabled(
  db: DB,
  scope: PeopleScope,
  input: { userId: string; disabled: boolean; ip?: string },
) {
  requireAll(scope);
  if (input.disabled && input.userId === scope.userId)
    throw new AppError("conflict", "You cannot disable your own account.");
  return writeTransaction(db, async (tx) => {
    const user = await tx
      .selectFrom("users")
      .select(["id", "email", "disabled_at"])
      .where("id", "=", input.userId)
      .executeTakeFirst();
    if (!user) throw new AppError("not_found", "No such person.");
    if (!!user.disabled_at === input.disabled) return;
    await tx
      .updateTable("users")
      .set({ disabled_at: input.disabled ? nowIso() : null, updated_at: nowIso() })
      .where("id", "=", user.id)
      .execute();
    if (input.disabled) await invalidateAllSessions(tx, user.id);
    await audit(tx, {
      actorUserId: scope.userId,
      action: input.disabled ? "user.disabled" : "user.enabled",
      subjectType: "user",
      subjectId: user.id,
      detail: { email: user.email },
      ip: input.ip,
    });
  });
}

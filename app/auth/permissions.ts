import type { Role } from "~/db/schema";

// Permissions as data. The server enforces them (app/auth/guard.server.ts); `userCan` here is
// pure and only decides which links to show — it never protects anything by itself.
export const PERMISSIONS = [
  "admin:organisations",
  "admin:people",
  "admin:audit",
  "admin:outbox",
  "people:invite:any",
  "people:invite:own-organisation",
  "programme:manage",
  "class:manage:own-school",
  "booking:request:own-school",
  "booking:schedule:any",
  "session:view:any",
  "session:deliver:assigned",
  "safeguarding:record:assigned",
  "learning:learn",
  "learning:author",
  "learning:oversee:own-organisation",
  "learning:oversee:any",
  "certificate:own",
  "certificate:view:own-organisation",
  "certificate:manage:any",
  "report:view:any",
  "report:view:own-school",
  "report:view:own-organisation",
  "privacy:manage",
  // Casework (decision 080): managing needs safeguarding clearance as well, checked in app/casework.
  "casework:manage",
  "casework:work:allocated",
  "casework:refer:own-school",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS = {
  programme_lead: [
    "admin:organisations",
    "admin:people",
    "admin:audit",
    "admin:outbox",
    "people:invite:any",
    "programme:manage",
    "booking:schedule:any",
    "session:view:any",
    "learning:oversee:any",
    "certificate:manage:any",
    "report:view:any",
    "certificate:own",
    "privacy:manage",
    "casework:manage",
  ],
  trainer: ["session:deliver:assigned", "safeguarding:record:assigned", "certificate:own"],
  school_coordinator: [
    "class:manage:own-school",
    "booking:request:own-school",
    "report:view:own-school",
    "certificate:own",
    "casework:refer:own-school",
  ],
  organisation_manager: [
    "people:invite:own-organisation",
    "learning:oversee:own-organisation",
    "certificate:view:own-organisation",
    "report:view:own-organisation",
    "learning:learn",
    "certificate:own",
  ],
  learner: ["learning:learn", "certificate:own"],
  content_author: ["learning:author", "learning:learn", "certificate:own"],
  caseworker: ["casework:work:allocated", "certificate:own"],
} as const satisfies Record<Role, readonly Permission[]>;

export const ROLE_LABELS: Record<Role, string> = {
  programme_lead: "Programme lead",
  trainer: "Trainer",
  school_coordinator: "School coordinator",
  organisation_manager: "Organisation manager",
  learner: "Learner",
  content_author: "Content author",
  caseworker: "Caseworker / mentor",
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return set;
}

/** For showing or hiding links only. */
export function userCan(
  user: { roles: readonly Role[] } | null | undefined,
  permission: Permission,
): boolean {
  return !!user && permissionsOf(user.roles).has(permission);
}

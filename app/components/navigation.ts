import { userCan, type Permission } from "~/auth/permissions";
import type { Role } from "~/db/schema";

// The navigation as data: each link shows only to roles whose permissions include one of `any`.
// Hiding a link protects nothing; every route checks again on the server.
export interface NavItem {
  href: string;
  label: string;
  any: Permission[];
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/admin/organisations", label: "Organisations", any: ["admin:organisations"] },
  { href: "/admin/people", label: "People", any: ["admin:people", "people:invite:own-organisation"] },
  { href: "/admin/audit", label: "Audit log", any: ["admin:audit"] },
  { href: "/admin/outbox", label: "Outbox", any: ["admin:outbox"] },
];

export function navFor(user: { roles: Role[] } | null): { href: string; label: string }[] {
  if (!user) return [];
  return NAV_ITEMS.filter((item) => item.any.some((p) => userCan(user, p))).map(({ href, label }) => ({ href, label }));
}

// The tasks on each role's home page, as data like the navigation.
export interface HomeTask {
  href: string;
  label: string;
  description: string;
  any: Permission[];
}

export const HOME_TASKS: HomeTask[] = [
  { href: "/admin/organisations", label: "Organisations", description: "Schools, settings, VCSE organisations and partners; import from Get Information About Schools.", any: ["admin:organisations"] },
  { href: "/admin/people", label: "People", description: "Invite people, change roles, disable accounts.", any: ["admin:people", "people:invite:own-organisation"] },
  { href: "/admin/audit", label: "Audit log", description: "Sign-ins, invitations, role changes and sensitive views.", any: ["admin:audit"] },
  { href: "/admin/outbox", label: "Outbox", description: "Emails Lantern has sent or is waiting to send.", any: ["admin:outbox"] },
];

export function homeTasksFor(user: { roles: Role[] }): Omit<HomeTask, "any">[] {
  return HOME_TASKS.filter((t) => t.any.some((p) => userCan(user, p))).map(({ href, label, description }) => ({ href, label, description }));
}

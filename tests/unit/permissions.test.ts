import { describe, expect, it } from "vitest";
import {
  PERMISSIONS,
  permissionsOf,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  userCan,
} from "~/auth/permissions";
import type { Role } from "~/db/schema";

// Which links each role sees (the server enforces the same permissions: tests/integration/route-access.test.ts).
describe("permissions", () => {
  it("gives a trainer exactly the trainer's permissions", () => {
    expect([...permissionsOf(["trainer"])].sort()).toEqual([
      "certificate:own",
      "safeguarding:record:assigned",
      "session:deliver:assigned",
    ]);
  });

  it("gives someone with two roles everything either role may do, once", () => {
    const both = permissionsOf(["learner", "caseworker"]);
    expect([...both].sort()).toEqual([
      "casework:work:allocated",
      "certificate:own",
      "learning:learn",
    ]);
    expect(permissionsOf([]).size).toBe(0);
  });

  it("lets a programme lead see reports and a school coordinator only their own school's", () => {
    const lead = { roles: ["programme_lead"] as Role[] };
    const coordinator = { roles: ["school_coordinator"] as Role[] };
    expect(userCan(lead, "report:view:any")).toBe(true);
    expect(userCan(lead, "privacy:manage")).toBe(true);
    expect(userCan(coordinator, "report:view:any")).toBe(false);
    expect(userCan(coordinator, "report:view:own-school")).toBe(true);
    expect(userCan({ roles: ["learner"] }, "casework:manage")).toBe(false);
  });

  it("lets nobody signed out, or with no role, do anything", () => {
    for (const p of PERMISSIONS) {
      expect(userCan(null, p)).toBe(false);
      expect(userCan(undefined, p)).toBe(false);
      expect(userCan({ roles: [] }, p)).toBe(false);
    }
  });

  it("gives every role only permissions that exist, and every role at least its own certificates", () => {
    for (const [role, list] of Object.entries(ROLE_PERMISSIONS)) {
      for (const p of list) expect(PERMISSIONS).toContain(p);
      expect(userCan({ roles: [role as Role] }, "certificate:own")).toBe(true);
    }
  });

  it("names each role as people see it", () => {
    expect(ROLE_LABELS).toEqual({
      programme_lead: "Programme lead",
      trainer: "Trainer",
      school_coordinator: "School coordinator",
      organisation_manager: "Organisation manager",
      learner: "Learner",
      content_author: "Content author",
      caseworker: "Caseworker / mentor",
    });
  });
});

import { describe, expect, it } from "vitest";
import { homeTasksFor, navFor } from "~/components/navigation";
import type { Role } from "~/db/schema";

// Which links and home-page tasks each role sees (issue 20). Hiding a link protects nothing (every
// route checks again: tests/integration/route-access.test.ts), but a missing link is a page no one
// can find, and a link to a refused page is a dead end.

const hrefs = (roles: Role[]) => navFor({ roles }).map((l) => l.href);
const tasks = (roles: Role[]) => homeTasksFor({ roles }).map((t) => t.href);

describe("navigation", () => {
  it("shows nobody signed in no links", () => {
    expect(navFor(null)).toEqual([]);
  });

  it("shows each role the links its permissions open, in order", () => {
    expect(navFor({ roles: ["programme_lead"] })).toEqual([
      { href: "/schedule", label: "Schedule" },
      { href: "/sessions", label: "Sessions" },
      { href: "/programmes", label: "Programmes" },
      { href: "/learning/oversight", label: "E-learning" },
      { href: "/admin/certificates", label: "Certificates" },
      { href: "/reports", label: "Reports" },
      { href: "/admin/questionnaires", label: "Questionnaires" },
      { href: "/casework", label: "Casework" },
      { href: "/admin/organisations", label: "Organisations" },
      { href: "/admin/people", label: "People" },
      { href: "/admin/audit", label: "Audit log" },
      { href: "/admin/outbox", label: "Outbox" },
    ]);
    expect(hrefs(["trainer"])).toEqual(["/sessions"]);
    expect(hrefs(["school_coordinator"])).toEqual([
      "/bookings",
      "/classes",
      "/reports",
      "/casework/referrals",
    ]);
    expect(hrefs(["organisation_manager"])).toEqual([
      "/learning/my",
      "/learning/organisations",
      "/certificates/staff",
      "/reports",
      "/admin/people",
    ]);
    expect(hrefs(["learner"])).toEqual(["/learning/my"]);
    expect(hrefs(["content_author"])).toEqual(["/learning/my", "/author"]);
    expect(hrefs(["caseworker"])).toEqual(["/casework"]);
    expect(hrefs([])).toEqual([]);
  });

  it("shows the safeguarding log only through a cleared membership whose role may see it", () => {
    const safeguarding = (user: Parameters<typeof navFor>[0]) =>
      navFor(user).some((l) => l.href === "/safeguarding");
    expect(safeguarding({ roles: ["trainer"] })).toBe(false);
    expect(safeguarding({ roles: ["programme_lead"] })).toBe(false);
    expect(
      safeguarding({
        roles: ["trainer"],
        memberships: [{ role: "trainer", safeguardingCleared: true }],
      }),
    ).toBe(true);
    expect(
      safeguarding({
        roles: ["trainer"],
        memberships: [{ role: "trainer", safeguardingCleared: false }],
      }),
    ).toBe(false);
    // Cleared as a learner, a trainer elsewhere: the clearance is not the trainer's.
    expect(
      safeguarding({
        roles: ["trainer", "learner"],
        memberships: [
          { role: "trainer", safeguardingCleared: false },
          { role: "learner", safeguardingCleared: true },
        ],
      }),
    ).toBe(false);
    // One cleared membership is enough.
    expect(
      safeguarding({
        roles: ["trainer", "learner"],
        memberships: [
          { role: "learner", safeguardingCleared: false },
          { role: "programme_lead", safeguardingCleared: true },
        ],
      }),
    ).toBe(true);
  });
});

describe("home-page tasks", () => {
  it("gives each role the tasks its permissions open, in order", () => {
    expect(
      homeTasksFor({ roles: ["programme_lead"] }).map(({ href, label }) => [href, label]),
    ).toEqual([
      ["/schedule", "Requests to schedule"],
      ["/sessions/week", "Week view"],
      ["/programmes", "Programmes and targets"],
      ["/offerings", "Offerings"],
      ["/trainers", "Trainers' checks"],
      ["/learning/oversight", "E-learning across organisations"],
      ["/certificates", "Your certificates"],
      ["/admin/certificates", "Certificates"],
      ["/reports", "Programme dashboard"],
      ["/reports/return", "Quarterly monitoring return"],
      ["/admin/questionnaires", "Feedback questionnaires"],
      ["/sessions/open", "Open sessions"],
      ["/reports/casework", "1-2-1 support in figures"],
      ["/casework/referrals", "1-2-1 referrals"],
      ["/admin/organisations", "Organisations"],
      ["/admin/people", "People"],
      ["/admin/audit", "Audit log"],
      ["/admin/outbox", "Outbox"],
      ["/admin/privacy", "Data protection"],
    ]);
    expect(tasks(["trainer"])).toEqual(["/sessions", "/certificates"]);
    expect(tasks(["organisation_manager"])).toEqual([
      "/learning",
      "/learning/my",
      "/learning/organisations",
      "/certificates",
      "/certificates/staff",
      "/reports",
      "/admin/people",
    ]);
    expect(tasks(["caseworker"])).toEqual(["/certificates", "/casework"]);
  });

  it("describes the People task for what each role may do there", () => {
    const people = (roles: Role[]) =>
      homeTasksFor({ roles }).filter((t) => t.href === "/admin/people");
    expect(people(["programme_lead"]).map((t) => t.description)).toEqual([
      "Invite people, change roles, disable accounts.",
    ]);
    expect(people(["organisation_manager"])).toEqual([
      {
        href: "/admin/people",
        label: "People",
        description: "Invite your organisation's staff and see who has a role there.",
      },
    ]);
  });

  it("offers the safeguarding log only through a cleared membership", () => {
    const has = (cleared: boolean) =>
      homeTasksFor({
        roles: ["trainer"],
        memberships: [{ role: "trainer", safeguardingCleared: cleared }],
      }).some((t) => t.href === "/safeguarding");
    expect(has(true)).toBe(true);
    expect(has(false)).toBe(false);
  });
});

import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { capabilityOf, ROUTE_TABLE_FILE, routeTable, urlOf } from "../../scripts/route-table";

describe("the route → capability table", () => {
  it("turns flat-route file names into the URLs Remix serves", () => {
    expect(urlOf("_index.tsx")).toBe("/");
    expect(urlOf("sessions.$id_.feedback.tsx")).toBe("/sessions/:id/feedback");
    expect(urlOf("calendar.$token.lantern[.ics].ts")).toBe("/calendar/:token/lantern.ics");
    expect(urlOf("learning.modules.$moduleId.quiz._index.tsx")).toBe(
      "/learning/modules/:moduleId/quiz",
    );
  });

  it("names the folder a route imports most from, not the guard every route imports", () => {
    const src = `import { requireUser } from "~/auth/guard.server";\nimport { x } from "~/sessions/requests.server";\nimport { y } from "~/sessions/schemas";\nimport { z } from "~/organisations/reference";`;
    expect(capabilityOf(src, "/bookings/new")).toBe("sessions");
    const tie = `import { a } from "~/organisations/organisations.server";\nimport { b } from "~/people/people.server";`;
    expect(capabilityOf(tie, "/admin/people/invite")).toBe("people");
  });

  it("docs/ROUTES.md is what npm run docs:routes writes today (run it after adding a route)", () => {
    expect(fs.readFileSync(ROUTE_TABLE_FILE, "utf8")).toBe(routeTable());
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, textOf, type TestServer } from "../support/server";
import { PASSWORD } from "../support/password";

// Issue 17, item 11: the lesson editor's preview, through the real handler. "Preview" renders the
// typed text with the renderer learners' lessons come from, beside the editor, and saves nothing;
// without JavaScript it is an ordinary submit button.

let server: TestServer;
const ids: Record<string, string> = {};
const SAVED = "## Saved heading\n\nThe saved text.";

beforeAll(async () => {
  server = await startTestServer();
  const { getDb } = await import("~/db/db.server");
  const { insertOrganisation, insertUser } = await import("~/seed/foundation.server");
  const { insertModule } = await import("~/learning/seed.server");
  const db = getDb();
  const momentum = await insertOrganisation(db, { kind: "delivery_partner", name: "Momentum" });
  const author = await insertUser(db, {
    email: "author@example.org",
    name: "Sam Lowe",
    password: PASSWORD,
    memberships: [{ organisationId: momentum, role: "content_author" }],
  });
  await insertUser(db, {
    email: "learner@example.org",
    name: "Lee Learner",
    password: PASSWORD,
    memberships: [{ organisationId: momentum, role: "learner" }],
  });
  ids.module = (
    await insertModule(
      db,
      author,
      {
        details: {
          title: "Draft module",
          summary: "A module.",
          audience: "VCSE staff and volunteers",
          estimatedMinutes: 20,
          passMark: 50,
          contentNote: null,
        },
        lessons: [{ title: "First lesson", body: SAVED }],
        questions: [],
      },
      { publish: false },
    )
  ).moduleId;
  ids.lesson = (
    await db
      .selectFrom("learning_lessons as l")
      .innerJoin("learning_module_versions as v", "v.id", "l.version_id")
      .select("l.id")
      .where("v.module_id", "=", ids.module)
      .executeTakeFirstOrThrow()
  ).id;
});

afterAll(async () => {
  await server?.close();
});

function previewOf(html: string) {
  const start = html.indexOf('data-preview="lesson"');
  expect(start, "a preview on the page").toBeGreaterThan(-1);
  return html.slice(html.indexOf(">", start) + 1, html.indexOf("</section>", start));
}

describe("the lesson editor's preview", () => {
  it("shows the saved lesson rendered beside the editor, with a Preview button", async () => {
    const author = new Client(server.url);
    await author.signIn("author@example.org", PASSWORD);
    const html = await (
      await author.get(`/author/modules/${ids.module}/lessons/${ids.lesson}`)
    ).text();
    expect(previewOf(html)).toContain('<h2 class="govuk-heading-m">Saved heading</h2>');
    expect(html).toMatch(/<button[^>]*name="intent"[^>]*value="preview"[^>]*>Preview<\/button>/);
    // The formatting buttons come only with JavaScript: none in the server's HTML.
    expect(html).not.toContain('aria-label="Format the lesson text"');
  });

  it("renders typed text with the learner's renderer and saves nothing", async () => {
    const author = new Client(server.url);
    await author.signIn("author@example.org", PASSWORD);
    const typed = [
      "# Signs to notice",
      "",
      "- **Sudden** new phones",
      "- Missing school",
      "",
      "[Guidance](https://www.gov.uk/guidance) and [bad](javascript:alert(1))",
      "",
      "<script>alert('x')</script>",
    ].join("\n");
    const res = await author.post(`/author/modules/${ids.module}/lessons/${ids.lesson}`, {
      intent: "preview",
      title: "First lesson, changed",
      contentNote: "",
      bodyMarkdown: typed,
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const { renderLessonMarkdown } = await import("~/learning/markdown.server");
    const expected = renderLessonMarkdown(typed);
    expect(previewOf(html)).toContain(expected);
    // What that is, in words: the # heading is an h2, bold in a list, an external link marked, the
    // javascript: link left as text and the script shown as text.
    const preview = previewOf(html);
    expect(preview).toContain('<h2 class="govuk-heading-m">Signs to notice</h2>');
    expect(preview).toContain("<li><strong>Sudden</strong> new phones</li>");
    expect(preview).toContain('href="https://www.gov.uk/guidance"');
    expect(preview).toContain("(opens in new tab)");
    expect(preview).not.toContain('javascript:alert(1)"');
    expect(preview).not.toContain("<script>");
    expect(preview).toContain("&lt;script&gt;");
    // The form keeps what was typed.
    expect(html).toContain("Signs to notice");
    expect(html).toContain('value="First lesson, changed"');

    // Nothing was saved: the lesson and what a preview as a learner shows are as before.
    const { getDb } = await import("~/db/db.server");
    const row = await getDb()
      .selectFrom("learning_lessons")
      .select(["title", "body_markdown"])
      .where("id", "=", ids.lesson)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ title: "First lesson", body_markdown: SAVED });
    const again = await (
      await author.get(`/author/modules/${ids.module}/lessons/${ids.lesson}`)
    ).text();
    expect(previewOf(again)).toContain("Saved heading");
  });

  it("refuses text too long to be a lesson, and is for authors only", async () => {
    const author = new Client(server.url);
    await author.signIn("author@example.org", PASSWORD);
    const long = await author.post(`/author/modules/${ids.module}/lessons/${ids.lesson}`, {
      intent: "preview",
      title: "First lesson",
      contentNote: "",
      bodyMarkdown: "x".repeat(50_001),
    });
    expect(long.status).toBe(400);
    expect(textOf(await long.text())).toContain(
      "The lesson text must be 50,000 characters or fewer",
    );
    const learner = new Client(server.url);
    await learner.signIn("learner@example.org", PASSWORD);
    const refused = await learner.post(`/author/modules/${ids.module}/lessons/${ids.lesson}`, {
      intent: "preview",
      bodyMarkdown: "Hello",
    });
    expect(refused.status).toBe(403);
  });
});

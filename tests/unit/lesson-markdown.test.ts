import { describe, expect, it } from "vitest";
import { isExternal, isSafeLink, renderLessonMarkdown } from "~/learning/markdown.server";

// What an author's Markdown becomes on the learner's page: the GOV.UK classes, the heading levels
// under the lesson's own h1, which links open a new tab and say so, and which images load (issue
// 20: the attacks are in learning-markdown-xss.test.ts; these are the ordinary shapes).

const IMAGE = "/learning/images/0b7c7d4e-5f7a-4c1e-9a53-0f3f1d2e8a11";

describe("lesson Markdown", () => {
  it("turns # into h2 and ## into h2, ### into h3, each with its GOV.UK class", () => {
    expect(renderLessonMarkdown("# Signs")).toBe('<h2 class="govuk-heading-m">Signs</h2>\n');
    expect(renderLessonMarkdown("## Signs")).toBe('<h2 class="govuk-heading-m">Signs</h2>\n');
    expect(renderLessonMarkdown("### Signs")).toBe('<h3 class="govuk-heading-s">Signs</h3>\n');
    expect(renderLessonMarkdown("#### Signs")).toBe('<h4 class="govuk-heading-s">Signs</h4>\n');
  });

  it("writes paragraphs, lists, quotes, rules and tables with the Design System's classes", () => {
    expect(renderLessonMarkdown("A child may go missing.")).toBe(
      '<p class="govuk-body">A child may go missing.</p>\n',
    );
    expect(renderLessonMarkdown("- one\n- two")).toBe(
      '<ul class="govuk-list govuk-list--bullet">\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
    expect(renderLessonMarkdown("1. one\n2. two")).toBe(
      '<ol class="govuk-list govuk-list--number">\n<li>one</li>\n<li>two</li>\n</ol>\n',
    );
    expect(renderLessonMarkdown("3. three\n4. four")).toContain(
      '<ol class="govuk-list govuk-list--number" start="3">',
    );
    expect(renderLessonMarkdown("> Listen first")).toBe(
      '<blockquote class="govuk-inset-text">\n<p class="govuk-body">Listen first</p>\n</blockquote>\n',
    );
    expect(renderLessonMarkdown("---")).toBe(
      '<hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible">\n',
    );
    expect(renderLessonMarkdown("| a | b |\n|---|---|\n| 1 | 2 |")).toContain(
      '<table class="govuk-table">\n<thead>',
    );
  });

  it("keeps list items tight: a tight list's paragraphs are hidden, a loose one's are written", () => {
    expect(renderLessonMarkdown("- one\n\n- two")).toContain('<li>\n<p class="govuk-body">one</p>');
  });

  it("opens an outside link in a new tab, says so to screen readers, and keeps Lantern's own links in place", () => {
    expect(renderLessonMarkdown("[Fearless](https://www.fearless.org)")).toBe(
      '<p class="govuk-body"><a href="https://www.fearless.org" class="govuk-link" target="_blank" rel="noopener noreferrer">Fearless<span class="govuk-visually-hidden"> (opens in new tab)</span></a></p>\n',
    );
    expect(renderLessonMarkdown("[Help](/learning/help)")).toBe(
      '<p class="govuk-body"><a href="/learning/help" class="govuk-link">Help</a></p>\n',
    );
    // Only the link that opens a new tab says so, when two sit in one paragraph.
    expect(
      renderLessonMarkdown("[Out](https://a.example) and [in](/learning) and [out](//b.example)"),
    ).toBe(
      '<p class="govuk-body"><a href="https://a.example" class="govuk-link" target="_blank" rel="noopener noreferrer">Out<span class="govuk-visually-hidden"> (opens in new tab)</span></a> and <a href="/learning" class="govuk-link">in</a> and <a href="//b.example" class="govuk-link" target="_blank" rel="noopener noreferrer">out<span class="govuk-visually-hidden"> (opens in new tab)</span></a></p>\n',
    );
  });

  it("links email addresses, phone numbers and bare https addresses", () => {
    expect(renderLessonMarkdown("[Email us](mailto:help@example.org)")).toContain(
      '<a href="mailto:help@example.org" class="govuk-link">Email us</a>',
    );
    expect(renderLessonMarkdown("[Call](tel:+441603000000)")).toContain(
      '<a href="tel:+441603000000" class="govuk-link">Call</a>',
    );
    expect(renderLessonMarkdown("See https://www.childline.org.uk today")).toContain(
      'href="https://www.childline.org.uk" class="govuk-link" target="_blank"',
    );
  });

  it("loads only Lantern's uploaded images, with their description and title; others become their description", () => {
    expect(renderLessonMarkdown(`![A map of Norwich](${IMAGE} "The city")`)).toBe(
      `<p class="govuk-body"><img src="${IMAGE}" alt="A map of Norwich" title="The city" loading="lazy"></p>\n`,
    );
    expect(renderLessonMarkdown(`![A map](${IMAGE})`)).toBe(
      `<p class="govuk-body"><img src="${IMAGE}" alt="A map" loading="lazy"></p>\n`,
    );
    expect(renderLessonMarkdown("![A map](https://maps.example/x.png)")).toBe(
      '<p class="govuk-body">[Image: A map]</p>\n',
    );
    expect(renderLessonMarkdown("![](https://maps.example/x.png)")).toBe(
      '<p class="govuk-body">[Image]</p>\n',
    );
    expect(renderLessonMarkdown(`![A map](${IMAGE}x)`)).toBe(
      '<p class="govuk-body">[Image: A map]</p>\n',
    );
  });

  it("escapes raw HTML and typesets quotes", () => {
    expect(renderLessonMarkdown("<b>bold</b>")).toBe(
      '<p class="govuk-body">&lt;b&gt;bold&lt;/b&gt;</p>\n',
    );
    expect(renderLessonMarkdown('"Trust" -- and respect')).toBe(
      '<p class="govuk-body">“Trust” – and respect</p>\n',
    );
  });
});

describe("which links are safe and which open a new tab", () => {
  it("allows web, email and phone links and paths, and nothing empty", () => {
    for (const ok of [
      "https://a.example",
      "http://a.example",
      "HTTPS://A.EXAMPLE",
      "mailto:a@example.org",
      "tel:01603",
      "/learning",
      "page#part",
      "?q=1",
      "#top",
    ])
      expect(isSafeLink(ok), ok).toBe(true);
    for (const bad of ["", "   ", "javascript:alert(1)", "data:text/html,x", "ftp://a.example"])
      expect(isSafeLink(bad), bad).toBe(false);
  });

  it("judges a URL with its surrounding spaces trimmed", () => {
    expect(isSafeLink("  https://a.example  ")).toBe(true);
    expect(isExternal("  https://a.example")).toBe(true);
  });

  it("refuses a colon before the path when no scheme is recognised, but not one after it", () => {
    expect(isSafeLink("java script:alert(1)")).toBe(false);
    expect(isSafeLink("/learning/a:b")).toBe(true);
    expect(isSafeLink("?time=10:30")).toBe(true);
    expect(isSafeLink("#a:b")).toBe(true);
  });

  it("decodes character references before judging: &colon;, &tab;, &newline; and numeric ones", () => {
    expect(isSafeLink("javascript&colon;alert(1)")).toBe(false);
    expect(isSafeLink("java&tab;script:alert(1)")).toBe(false);
    expect(isSafeLink("java&newline;script:alert(1)")).toBe(false);
    expect(isSafeLink("&#106;avascript:alert(1)")).toBe(false);
    expect(isSafeLink("&#x6A;avascript:alert(1)")).toBe(false);
    expect(isSafeLink("&#x6a;avascript:alert(1)")).toBe(false);
    expect(isSafeLink("https&colon;//a.example")).toBe(true);
    expect(isSafeLink("/a&unknown;b")).toBe(true);
  });

  it("opens http, https and protocol-relative links in a new tab; paths, email and phone stay", () => {
    for (const out of ["https://a.example", "http://a.example", "//a.example", "HTTPS://A"])
      expect(isExternal(out), out).toBe(true);
    for (const stay of ["/learning", "mailto:a@example.org", "tel:01603", "a//b", "https:/x"])
      expect(isExternal(stay), stay).toBe(false);
  });
});

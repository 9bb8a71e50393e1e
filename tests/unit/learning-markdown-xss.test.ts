import { describe, expect, it } from "vitest";
import { isSafeLink, renderLessonMarkdown } from "~/learning/markdown.server";

// Known XSS payloads (OWASP's filter-evasion cheat sheet, PortSwigger's list, markdown-specific
// link tricks) put through lesson Markdown. The output is checked as HTML would be parsed: no
// script elements, no event-handler attributes, no dangerous URL in href or src, no raw tags that
// could carry script (iframe, object, embed, svg, math, style, base, form, meta, link).
const PAYLOADS = [
  `<script>alert(1)</script>`,
  `<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>`,
  `<IMG SRC="javascript:alert('XSS');">`,
  `<IMG SRC=javascript:alert('XSS')>`,
  `<img src=x onerror=alert(1)>`,
  `<svg/onload=alert(1)>`,
  `<svg><script>alert(1)</script></svg>`,
  `<body onload=alert(1)>`,
  `<iframe src="javascript:alert(1)"></iframe>`,
  `<a href="javascript:alert(1)">click</a>`,
  `<div style="background:url(javascript:alert(1))">x</div>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
  `<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>`,
  `<embed src="javascript:alert(1)">`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<base href="javascript:alert(1)//">`,
  `<form action="javascript:alert(1)"><button>x</button></form>`,
  `<details open ontoggle=alert(1)>`,
  `"><script>alert(1)</script>`,
  `[click](javascript:alert(1))`,
  `[click](JaVaScRiPt:alert(1))`,
  `[click](javascript&#58;alert(1))`,
  `[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))`,
  `[click](&#x6A;avascript:alert(1))`,
  `[click](java%0ascript:alert(1))`,
  `[click](  javascript:alert(1))`,
  `[click](<javascript:alert(1)>)`,
  `[click](vbscript:msgbox(1))`,
  `[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `[click](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)`,
  `[click](file:///etc/passwd)`,
  `![x](javascript:alert(1))`,
  `![x](data:image/png;base64,iVBORw0KGgo=)`,
  `![x](https://evil.example/x.png" onerror="alert(1))`,
  `![x"onerror="alert(1)](/learning/images/123e4567-e89b-12d3-a456-426614174000)`,
  `[a](https://example.org "title\\" onmouseover=\\"alert(1)")`,
  `[a](https://example.org" onmouseover="alert(1))`,
  `<a href="https://example.org" onclick="alert(1)">x</a>`,
  `[x]: javascript:alert(1)\n\n[link][x]`,
  `<javascript:alert(1)>`,
  `javascript:alert(1)`,
  `[a](\\\\evil.example)`,
  "```html\n<script>alert(1)</script>\n```",
  "`<img src=x onerror=alert(1)>`",
  `<<script>alert(1)//<</script>`,
  `<scr<script>ipt>alert(1)</scr</script>ipt>`,
  `<style>@import 'javascript:alert(1)';</style>`,
  `<link rel="stylesheet" href="javascript:alert(1)">`,
  `<input autofocus onfocus=alert(1)>`,
  `<video><source onerror="alert(1)">`,
];

function attrs(html: string) {
  // Every attribute of every real tag in the output (text is escaped, so "<" in text is "&lt;").
  const out: { tag: string; name: string; value: string }[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    for (const a of m[2].matchAll(/([^\s=>]+)(?:="([^"]*)")?/g))
      out.push({ tag: m[1].toLowerCase(), name: a[1].toLowerCase(), value: a[2] ?? "" });
  }
  return out;
}

function decodeEntities(s: string) {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);?/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

const ALLOWED_TAGS = new Set([
  "p",
  "a",
  "img",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "strong",
  "em",
  "code",
  "pre",
  "blockquote",
  "hr",
  "br",
  "span",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "s",
]);

function assertInert(html: string, payload: string) {
  expect(html, payload).not.toMatch(/<script/i);
  expect(html, payload).not.toMatch(
    /<(iframe|object|embed|svg|math|style|base|form|meta|link|input|video|body|details|source)\b/i,
  );
  for (const a of attrs(html)) {
    expect(ALLOWED_TAGS.has(a.tag), `${payload} → tag <${a.tag}>`).toBe(true);
    expect(a.name.startsWith("on"), `${payload} → attribute ${a.name}`).toBe(false);
    expect(
      ["style", "formaction", "srcdoc"].includes(a.name),
      `${payload} → attribute ${a.name}`,
    ).toBe(false);
    if (a.name === "href" || a.name === "src") {
      const url = decodeEntities(a.value)
        // eslint-disable-next-line no-control-regex -- browsers ignore these controls inside a URL
        .replace(/[\u0000-\u0020]/g, "")
        .toLowerCase();
      expect(url, `${payload} → ${a.name}=${a.value}`).not.toMatch(
        /^(javascript|vbscript|data|file):/,
      );
      expect(url, `${payload} → ${a.name}=${a.value}`).not.toMatch(/^[^/?#]*script:/);
      if (a.name === "src") expect(a.value, payload).toMatch(/^\/learning\/images\/[0-9a-f-]{36}$/);
    }
  }
}

describe("lesson Markdown against known XSS payloads", () => {
  it(`has at least 30 payloads (${PAYLOADS.length})`, () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
  });

  for (const payload of PAYLOADS) {
    it(`renders nothing executable from ${JSON.stringify(payload).slice(0, 70)}`, () => {
      assertInert(renderLessonMarkdown(payload), payload);
      // The same payload inside surrounding text, a list and a heading.
      assertInert(
        renderLessonMarkdown(`Intro text\n\n- ${payload}\n\n## ${payload}\n\n> ${payload}`),
        payload,
      );
    });
  }

  it("escapes raw HTML as visible text rather than dropping it silently", () => {
    expect(renderLessonMarkdown("<b>bold</b>")).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it("opens external links safely in a new tab and says so to screen readers", () => {
    const html = renderLessonMarkdown("See [the NSPCC](https://www.nspcc.org.uk/).");
    expect(html).toContain('href="https://www.nspcc.org.uk/"');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('<span class="govuk-visually-hidden"> (opens in new tab)</span></a>');
  });

  it("keeps internal links in the same tab and allows mailto and tel", () => {
    const html = renderLessonMarkdown(
      "[modules](/learning) [email](mailto:help@example.org) [call](tel:08001111)",
    );
    expect(html).toContain('<a href="/learning" class="govuk-link">modules</a>');
    expect(html).toContain('href="mailto:help@example.org"');
    expect(html).toContain('href="tel:08001111"');
    expect(html).not.toContain("_blank");
  });

  it("shows only Lantern's own uploaded images and describes any other image instead of loading it", () => {
    const own = renderLessonMarkdown(
      "![A map of Norfolk](/learning/images/123e4567-e89b-12d3-a456-426614174000)",
    );
    expect(own).toContain(
      '<img src="/learning/images/123e4567-e89b-12d3-a456-426614174000" alt="A map of Norfolk"',
    );
    const other = renderLessonMarkdown("![A tracker](https://evil.example/pixel.png)");
    expect(other).not.toContain("<img");
    expect(other).toContain("[Image: A tracker]");
  });

  it("turns a level-1 heading into h2 so the lesson title stays the only h1", () => {
    const html = renderLessonMarkdown("# One\n\n## Two\n\n### Three");
    expect(html).not.toMatch(/<h1/);
    expect(html).toContain('<h2 class="govuk-heading-m">One</h2>');
    expect(html).toContain('<h2 class="govuk-heading-m">Two</h2>');
    expect(html).toContain('<h3 class="govuk-heading-s">Three</h3>');
  });

  it("judges link schemes after removing what browsers ignore", () => {
    for (const bad of [
      "javascript:x",
      " JAVASCRIPT:x",
      "java\tscript:x",
      "java\nscript:x",
      "%6Aavascript:x",
      "data:text/html,x",
      "vbscript:x",
      "jav&#x09;ascript:x",
    ]) {
      expect(isSafeLink(bad), bad).toBe(false);
    }
    for (const good of [
      "https://example.org",
      "http://example.org/a?b=c#d",
      "/learning",
      "#section",
      "mailto:a@example.org",
      "tel:999",
      "page?x=1:2",
    ]) {
      expect(isSafeLink(good), good).toBe(true);
    }
  });
});

import MarkdownIt from "markdown-it";

// Lesson Markdown → HTML, once, when an author saves (the HTML is stored and served as is).
// Safe by construction rather than by cleaning afterwards:
// - `html: false`: raw HTML in the Markdown is escaped, never passed through;
// - every link and image URL is checked against an allow-list of schemes (http, https, mailto,
//   tel, or a relative path); anything else (javascript:, data:, vbscript:, file:, …) stays text;
// - images may only come from Lantern's own uploads (/learning/images/<id>), so lessons never load
//   third-party content (the Content-Security-Policy would refuse it anyway);
// - external links open in a new tab with rel="noopener noreferrer" and say so to screen readers;
// - a level-1 heading becomes h2: the lesson title is the page's only h1.

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(["http", "https", "mailto", "tel"]);
export const IMAGE_PATH = /^\/learning\/images\/[0-9a-f-]{36}$/;

/** Strips what browsers ignore inside a scheme (controls, whitespace) before judging it. */
function schemeOf(url: string): string | null {
  // Stryker disable Regex: removing each control character or each run of them leaves the same text
  // eslint-disable-next-line no-control-regex -- browsers ignore controls inside a scheme, so strip them first
  const squashed = url.replace(/[\u0000-\u0020\u007f-\u009f]+/g, "");
  // Stryker restore Regex
  const m = SCHEME.exec(squashed);
  return m ? m[1].toLowerCase() : null;
}

// The named references that could hide a scheme. A tab or newline is stripped by schemeOf and is
// not a colon, so either counts the same as nothing: those two marks are for equivalent mutants.
const NAMED_REFERENCES: Record<string, string> = {
  colon: ":",
  // Stryker disable next-line StringLiteral: stripped by schemeOf like nothing at all
  tab: "\t",
  // Stryker disable next-line StringLiteral: stripped by schemeOf like nothing at all
  newline: "\n",
};

export function isSafeLink(url: string): boolean {
  const trimmed = url.trim();
  if (!trimmed) return false;
  // A backslash can turn "/\evil.example" into a protocol-relative URL in browsers.
  if (trimmed.includes("\\")) return false;
  // Entity- or percent-encoded schemes: refuse anything whose decoded form carries a bad scheme.
  let decoded = trimmed;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch {
    return false;
  }
  // Character references, in case a caller passes a URL markdown-it has not decoded.
  const unreferenced = decoded
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) =>
      String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)),
    )
    .replace(/&#([0-9]+);?/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&(colon|tab|newline);/gi, (_, n: string) => NAMED_REFERENCES[n.toLowerCase()]);
  for (const candidate of [trimmed, decoded, unreferenced]) {
    const scheme = schemeOf(candidate);
    if (scheme !== null && !ALLOWED_SCHEMES.has(scheme)) return false;
  }
  // A colon before any slash, ? or # with no recognised scheme ("java script:", "&#106;avascript:")
  const beforePath = unreferenced.split(/[/?#]/, 1)[0];
  if (beforePath.includes(":") && schemeOf(unreferenced) === null) return false;
  return true;
}

export function isExternal(url: string): boolean {
  return /^(https?:)?\/\//i.test(url.trim());
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });
md.validateLink = isSafeLink;

// A lesson's "#" becomes h2 (the lesson title is the page's only h1); "##" and below keep their level.
function headingLevel(tag: string) {
  return Math.max(2, Number(tag.slice(1)));
}
md.renderer.rules.heading_open = (tokens, idx) => {
  const level = headingLevel(tokens[idx].tag);
  return `<h${level} class="govuk-heading-${level === 2 ? "m" : "s"}">`;
};
md.renderer.rules.heading_close = (tokens, idx) => `</h${headingLevel(tokens[idx].tag)}>\n`;
md.renderer.rules.paragraph_open = (tokens, idx) =>
  tokens[idx].hidden ? "" : `<p class="govuk-body">`;
md.renderer.rules.bullet_list_open = () => `<ul class="govuk-list govuk-list--bullet">\n`;
md.renderer.rules.ordered_list_open = (tokens, idx) => {
  const start = tokens[idx].attrGet("start");
  return `<ol class="govuk-list govuk-list--number"${start ? ` start="${Number(start)}"` : ""}>\n`;
};
md.renderer.rules.table_open = () => `<table class="govuk-table">\n`;
md.renderer.rules.blockquote_open = () => `<blockquote class="govuk-inset-text">\n`;
md.renderer.rules.hr = () =>
  `<hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible">\n`;

md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  // markdown-it gives every link an href (an unsafe one is never made a link at all).
  const href = String(token.attrGet("href"));
  token.attrSet("class", "govuk-link");
  if (isExternal(href)) {
    token.attrSet("target", "_blank");
    token.attrSet("rel", "noopener noreferrer");
    // Mark the link's close so it can add the screen-reader warning. Links never nest (CommonMark
    // forbids a link inside a link's text), so the next close is this link's.
    const close = tokens.slice(idx + 1).find((t) => t.type === "link_close")!;
    close.meta = { external: true };
  }
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.link_close = (tokens, idx) => {
  const external = (tokens[idx].meta as { external?: boolean } | null)?.external;
  return external ? `<span class="govuk-visually-hidden"> (opens in new tab)</span></a>` : `</a>`;
};

md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  // markdown-it gives every image a src and its description's tokens (an empty list when none).
  const src = String(token.attrGet("src"));
  const alt = self.renderInlineAsText(token.children!, options, env);
  if (!IMAGE_PATH.test(src)) {
    // Not one of Lantern's uploads: show the description, load nothing.
    return md.utils.escapeHtml(alt ? `[Image: ${alt}]` : "[Image]");
  }
  const title = token.attrGet("title") == null ? null : String(token.attrGet("title"));
  return `<img src="${md.utils.escapeHtml(src)}" alt="${md.utils.escapeHtml(alt)}"${title ? ` title="${md.utils.escapeHtml(title)}"` : ""} loading="lazy">`;
};

export function renderLessonMarkdown(markdown: string): string {
  return md.render(markdown);
}

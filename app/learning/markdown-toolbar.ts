// The lesson editor's formatting buttons, as pure edits of the text (issue 17, item 11): each takes
// the text and the selection and gives the new text and what to select next, so the author sees
// the Markdown it wrote and can type over the placeholder. Pure: the browser bundle runs it, the
// unit tests check it. Without JavaScript there are no buttons: the textarea works alone.

export type Format = "heading" | "bold" | "list" | "link";

export interface Edit {
  text: string;
  selectionStart: number;
  selectionEnd: number;
}

// Stryker disable StringLiteral: the words put in place of an empty selection; a test could only repeat them
const PLACEHOLDER: Record<Format, string> = {
  heading: "Heading",
  bold: "bold text",
  list: "List item",
  link: "link text",
};
// Stryker restore StringLiteral

/** The start of the line holding `at`, and the end of the line holding `to`. */
function lineSpan(text: string, at: number, to: number) {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const newline = text.indexOf("\n", to);
  return { start, end: newline === -1 ? text.length : newline };
}

/** Puts `prefix` before each line of the selection (a line already starting with it keeps one). */
function prefixLines(e: Edit, prefix: string, placeholder: string): Edit {
  // A selection ending just after a newline does not take in the next line.
  // Stryker disable ConditionalExpression: stepping back one character moves to another line only when that character is the newline, so the test of it changes nothing
  const to =
    e.selectionEnd > e.selectionStart && e.text[e.selectionEnd - 1] === "\n"
      ? e.selectionEnd - 1
      : e.selectionEnd;
  // Stryker restore ConditionalExpression
  const { start, end } = lineSpan(e.text, e.selectionStart, to);
  const block = e.text.slice(start, end);
  if (!block.trim()) {
    const inserted = `${prefix}${placeholder}`;
    return {
      text: e.text.slice(0, start) + inserted + e.text.slice(end),
      selectionStart: start + prefix.length,
      selectionEnd: start + inserted.length,
    };
  }
  const lines = block
    .split("\n")
    .map((line) =>
      line.startsWith(prefix) || !line.trim()
        ? line
        : `${prefix}${line.replace(/^#+\s+|^[-*]\s+/, "")}`,
    );
  const replaced = lines.join("\n");
  return {
    text: e.text.slice(0, start) + replaced + e.text.slice(end),
    selectionStart: start,
    selectionEnd: start + replaced.length,
  };
}

/** The text after pressing a formatting button with this selection. */
export function applyFormat(format: Format, e: Edit): Edit {
  const selected = e.text.slice(e.selectionStart, e.selectionEnd);
  const before = e.text.slice(0, e.selectionStart);
  const after = e.text.slice(e.selectionEnd);
  switch (format) {
    case "heading":
      return prefixLines(e, "## ", PLACEHOLDER.heading);
    case "list":
      return prefixLines(e, "- ", PLACEHOLDER.list);
    case "bold": {
      const inner = selected || PLACEHOLDER.bold;
      return {
        text: `${before}**${inner}**${after}`,
        selectionStart: before.length + 2,
        selectionEnd: before.length + 2 + inner.length,
      };
    }
    case "link": {
      // A selected web address becomes the link's address; other words its text.
      const isUrl = /^https?:\/\/\S+$/.test(selected);
      const label = isUrl || !selected ? PLACEHOLDER.link : selected;
      const url = isUrl ? selected : "https://";
      const text = `${before}[${label}](${url})${after}`;
      // Select what is still to be typed: the address, or the text when the address was selected.
      const labelStart = before.length + 1;
      const urlStart = labelStart + label.length + 2;
      return isUrl
        ? { text, selectionStart: labelStart, selectionEnd: labelStart + label.length }
        : { text, selectionStart: urlStart, selectionEnd: urlStart + url.length };
    }
  }
}

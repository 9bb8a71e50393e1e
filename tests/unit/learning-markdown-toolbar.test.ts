import { describe, expect, it } from "vitest";
import { applyFormat, type Edit } from "~/learning/markdown-toolbar";

/** "a[b]c" → text "abc" with "b" selected; "a|c" → a caret. */
function at(marked: string): Edit {
  if (marked.includes("|")) {
    const i = marked.indexOf("|");
    return { text: marked.replace("|", ""), selectionStart: i, selectionEnd: i };
  }
  const start = marked.indexOf("[");
  const end = marked.indexOf("]") - 1;
  return {
    text: marked.replace("[", "").replace("]", ""),
    selectionStart: start,
    selectionEnd: end,
  };
}
function shown(e: Edit) {
  return `${e.text.slice(0, e.selectionStart)}[${e.text.slice(e.selectionStart, e.selectionEnd)}]${e.text.slice(e.selectionEnd)}`;
}

describe("the lesson editor's formatting buttons", () => {
  it("bold wraps the selection, or puts a placeholder to type over", () => {
    expect(shown(applyFormat("bold", at("Say [no] firmly")))).toBe("Say **[no]** firmly");
    expect(shown(applyFormat("bold", at("Say | firmly")))).toBe("Say **[bold text]** firmly");
  });

  it("heading makes the caret's line a heading, replacing a list mark or another level", () => {
    expect(shown(applyFormat("heading", at("Intro\nSigns of |harm\nMore")))).toBe(
      "Intro\n[## Signs of harm]\nMore",
    );
    expect(shown(applyFormat("heading", at("- [Item]")))).toBe("[## Item]");
    expect(shown(applyFormat("heading", at("# [Big]")))).toBe("[## Big]");
    expect(shown(applyFormat("heading", at("## [Already]")))).toBe("[## Already]");
    expect(shown(applyFormat("heading", at("Text\n|")))).toBe("Text\n## [Heading]");
    expect(shown(applyFormat("heading", at("|")))).toBe("## [Heading]");
    expect(shown(applyFormat("heading", at("### [Deep]")))).toBe("[## Deep]");
    // Only a real heading mark goes: "#1" and "#Tag" are words.
    expect(shown(applyFormat("heading", at("[A #1 fan]")))).toBe("[## A #1 fan]");
    expect(shown(applyFormat("heading", at("[#Tag]")))).toBe("[## #Tag]");
    expect(shown(applyFormat("heading", at("[C# is fun]")))).toBe("[## C# is fun]");
    expect(shown(applyFormat("heading", at("#   [Spaced]")))).toBe("[## Spaced]");
  });

  it("list marks every selected line, leaving blank lines and the next line alone", () => {
    expect(shown(applyFormat("list", at("Before\n[One\nTwo\n\nThree\n]After")))).toBe(
      "Before\n[- One\n- Two\n\n- Three]\nAfter",
    );
    expect(shown(applyFormat("list", at("[- One\nTwo]")))).toBe("[- One\n- Two]");
    expect(shown(applyFormat("list", at("* [One]")))).toBe("[- One]");
    expect(shown(applyFormat("list", at("*   [Spaced]")))).toBe("[- Spaced]");
    expect(shown(applyFormat("list", at("[Ask - now]")))).toBe("[- Ask - now]");
    expect(shown(applyFormat("list", at("[Pay - ]")))).toBe("[- Pay - ]");
    // A selection that ends just after a line's newline does not take in the next line.
    expect(shown(applyFormat("list", at("[One\n]Two")))).toBe("[- One]\nTwo");
    expect(shown(applyFormat("list", at("[One\n  \nTwo]")))).toBe("[- One\n  \n- Two]");
    expect(shown(applyFormat("list", at("First\n  |\nLast")))).toBe("First\n- [List item]\nLast");
  });

  it("link makes the selected words the link's text and selects the address to type", () => {
    const e = applyFormat("link", at("See [the guidance] here"));
    expect(e.text).toBe("See [the guidance](https://) here");
    expect(e.text.slice(e.selectionStart, e.selectionEnd)).toBe("https://");
    // A selected web address becomes the address; the words are selected to type over.
    const u = applyFormat("link", at("Go to [https://www.nspcc.org.uk/] now"));
    expect(u.text).toBe("Go to [link text](https://www.nspcc.org.uk/) now");
    expect(u.text.slice(u.selectionStart, u.selectionEnd)).toBe("link text");
    const empty = applyFormat("link", at("|"));
    expect(empty.text).toBe("[link text](https://)");
    expect(empty.text.slice(empty.selectionStart, empty.selectionEnd)).toBe("https://");
    expect(applyFormat("link", at("[http://x.org/a]")).text).toBe("[link text](http://x.org/a)");
    // Words with a space, or words before an address, are not an address.
    expect(applyFormat("link", at("[see https://x.org]")).text).toBe(
      "[see https://x.org](https://)",
    );
    expect(applyFormat("link", at("[http://a b]")).text).toBe("[http://a b](https://)");
  });
});

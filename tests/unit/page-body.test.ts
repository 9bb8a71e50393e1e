import { describe, expect, it } from "vitest";
import { pageBody } from "~/entry.server";

// The stream every page's HTML passes through on its way out (app/entry.server.tsx).
async function through(writes: (string | Buffer)[][]) {
  const body = pageBody();
  const pieces: Buffer[] = [];
  body.on("data", (c: Buffer) => pieces.push(c));
  const ended = new Promise((resolve) => body.on("end", resolve));
  for (const [i, turn] of writes.entries()) {
    for (const w of turn) body.write(typeof w === "string" ? Buffer.from(w) : w);
    if (i < writes.length - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  body.end();
  await ended;
  return pieces;
}

describe("a page's body on its way out", () => {
  it("sends what React writes in one go as one piece, and a later part as another", async () => {
    const first = Array.from({ length: 90 }, (_, i) => `<p>${i}</p>`);
    const pieces = await through([first, ["<p>later</p>"]]);
    expect(pieces.map((p) => p.toString())).toEqual([first.join(""), "<p>later</p>"]);
  });

  it("drops the NUL bytes React leaves in a part-filled buffer, and only those", async () => {
    const dash = Buffer.from("–");
    const pieces = await through([
      [Buffer.concat([Buffer.from("Totals "), Buffer.alloc(3)]), dash, Buffer.from(" all ✓")],
    ]);
    expect(Buffer.concat(pieces).toString()).toBe("Totals – all ✓");
    expect(Buffer.concat(pieces).includes(0)).toBe(false);
  });
});

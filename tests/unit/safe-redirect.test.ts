import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/safe-redirect";

// Finding 4 of issue 11: `/%09/evil.example` passed the old prefix check; browsers drop the tab and
// follow `//evil.example`. The target is now resolved against Lantern's own origin and must stay on it.
describe("safeRedirect", () => {
  it("keeps Lantern's own paths, with their query and fragment", () => {
    expect(safeRedirect("/sessions?view=week#today")).toBe("/sessions?view=week#today");
    expect(safeRedirect("/")).toBe("/");
    expect(safeRedirect("/sessions//")).toBe("/sessions//");
  });

  it("goes to the fallback, or home, when there is no target, it is not text, or it cannot be read", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect("")).toBe("/");
    expect(safeRedirect("", "/fallback")).toBe("/fallback");
    expect(safeRedirect(new File(["x"], "x.txt"), "/fallback")).toBe("/fallback");
    expect(safeRedirect("/%E0%A4%A", "/fallback")).toBe("/fallback");
  });

  it("refuses every way of leaving the origin, control characters and backslashes", () => {
    for (const hostile of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "\t//evil.example",
      "//evil.example",
      "/\\evil.example",
      "/%5Cevil.example",
      "\\\\evil.example",
      "https://evil.example/phish",
      "http:evil.example",
      "javascript:alert(1)",
      "evil.example",
      " /\t/evil.example",
      "/\u0000/evil.example",
      "/\u00a0/evil.example",
      "/%09/evil.example",
      "/%2F/evil.example",
    ]) {
      const to = safeRedirect(hostile, "/fallback");
      expect(to, JSON.stringify(hostile)).toBe("/fallback");
    }
  });
});

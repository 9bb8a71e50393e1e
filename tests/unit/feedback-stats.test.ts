import { describe, expect, it } from "vitest";
import { combinedMean, formatMean, pairedChange } from "~/feedback/stats";

describe("feedback arithmetic", () => {
  it("averages online answers together with paper tallies", () => {
    expect(combinedMean([2, 4], { 5: 2, 1: 0 })).toEqual({ n: 4, mean: 4 });
    expect(combinedMean([], {})).toEqual({ n: 0, mean: null });
    expect(combinedMean([], { 3: 10 })).toEqual({ n: 10, mean: 3 });
  });

  it("counts the paired change only over respondents who answered before and after", () => {
    expect(
      pairedChange([
        { before: 2, after: 4 },
        { before: 3, after: 4 },
        { before: 1, after: null },
        { before: null, after: 5 },
      ]),
    ).toEqual({ n: 2, mean: 1.5 });
    expect(pairedChange([{ before: 4, after: 2 }]).mean).toBe(-2);
    expect(pairedChange([])).toEqual({ n: 0, mean: null });
  });

  it("writes means to one decimal place, with a sign for changes", () => {
    expect(formatMean(1.25, { signed: true })).toBe("+1.3");
    expect(formatMean(-0.5, { signed: true })).toBe("-0.5");
    expect(formatMean(-0.01, { signed: true })).toBe("0.0");
    expect(formatMean(null)).toBe("–");
  });

  it("never signs a change that rounds to nothing: 0 and +0.04 read 0.0, not +0.0 (issue 20)", () => {
    expect(formatMean(0, { signed: true })).toBe("0.0");
    expect(formatMean(0.04, { signed: true })).toBe("0.0");
    expect(formatMean(0.05, { signed: true })).toBe("+0.1");
    expect(formatMean(2, { signed: true })).toBe("+2.0");
    expect(formatMean(2)).toBe("2.0");
    expect(formatMean(Number.NaN)).toBe("–");
  });

  it("ignores a paper tally score with no count written in", () => {
    expect(combinedMean([4], { 3: undefined, 5: 0 })).toEqual({ n: 1, mean: 4 });
  });
});

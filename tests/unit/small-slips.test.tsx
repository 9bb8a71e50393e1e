import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ColumnChart } from "~/components/charts/ColumnChart";
import { percentOf } from "~/reports/periods";
import { compareClasses } from "~/sessions/classes.server";

// Issue 12, item 12: smaller slips seen in the walkthrough.

describe("smaller slips", () => {
  it("rounds percentages to the nearest whole number, but never to 100% short of the target", () => {
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(199, 200)).toBe(99);
    expect(percentOf(200, 200)).toBe(100);
  });

  it("sorts classes by year group, then by name with numbers as numbers", () => {
    const classes = [
      { year_group: "10", name: "10B" },
      { year_group: "9", name: "9W10" },
      { year_group: "9", name: "9W2" },
      { year_group: "R", name: "Robins" },
    ];
    expect([...classes].sort(compareClasses).map((c) => c.name)).toEqual([
      "Robins",
      "9W2",
      "9W10",
      "10B",
    ]);
  });

  it("puts chart ticks only at whole numbers for counts", () => {
    const html = renderToStaticMarkup(
      createElement(ColumnChart, {
        id: "c",
        title: "Sessions",
        description: "One session",
        unit: "sessions",
        data: [
          { label: "Apr", value: 1 },
          { label: "May", value: 0 },
        ],
      }),
    );
    const ticks = [...html.matchAll(/text-anchor="end"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.every((t) => /^\d+$/.test(t))).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { classLabel, compareClasses, YEAR_GROUPS, yearGroupLabel } from "~/sessions/class-order";

// How a school's classes read and sort wherever one is chosen (issue 20).
describe("classes", () => {
  it("offers Reception and Years 1 to 13, in that order", () => {
    expect(YEAR_GROUPS.map((y) => y.value)).toEqual([
      "R",
      ...Array.from({ length: 13 }, (_, i) => String(i + 1)),
    ]);
    expect(YEAR_GROUPS.map((y) => y.label)).toEqual([
      "Reception",
      ...Array.from({ length: 13 }, (_, i) => `Year ${i + 1}`),
    ]);
  });

  it("names a class by its year group and name, and shows an unknown year group as it is", () => {
    expect(classLabel({ year_group: "R", name: "Ash" })).toBe("Reception — Ash");
    expect(classLabel({ year_group: "4", name: "Oak" })).toBe("Year 4 — Oak");
    expect(classLabel({ year_group: "13", name: "Sixth form" })).toBe("Year 13 — Sixth form");
    expect(yearGroupLabel("Nursery")).toBe("Nursery");
  });

  it("sorts Reception first, then by year as a number, then by name with numbers as numbers, in any case", () => {
    const classes = [
      { year_group: "10", name: "10A" },
      { year_group: "9", name: "9B" },
      { year_group: "2", name: "Willow" },
      { year_group: "R", name: "Ash" },
      { year_group: "2", name: "oak" },
      { year_group: "2", name: "Class 10" },
      { year_group: "2", name: "Class 9" },
    ];
    expect([...classes].sort(compareClasses).map(classLabel)).toEqual([
      "Reception — Ash",
      "Year 2 — Class 9",
      "Year 2 — Class 10",
      "Year 2 — oak",
      "Year 2 — Willow",
      "Year 9 — 9B",
      "Year 10 — 10A",
    ]);
    expect(compareClasses({ year_group: "3", name: "Oak" }, { year_group: "3", name: "oak" })).toBe(
      0,
    );
    expect(
      compareClasses({ year_group: "R", name: "B" }, { year_group: "1", name: "A" }),
    ).toBeLessThan(0);
    expect(
      compareClasses({ year_group: "1", name: "A" }, { year_group: "R", name: "B" }),
    ).toBeGreaterThan(0);
  });
});

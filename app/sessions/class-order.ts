// How a school's classes read and sort: pure rules, unit-tested and mutation-tested on their own
// (moved here unchanged from classes.server.ts and scope.server.ts in issue 20).

export const YEAR_GROUPS: { value: string; label: string }[] = [
  { value: "R", label: "Reception" },
  ...Array.from({ length: 13 }, (_, i) => ({ value: String(i + 1), label: `Year ${i + 1}` })),
];

/** "R" → "Reception", "4" → "Year 4"; anything else as it is. */
export function yearGroupLabel(value: string) {
  return YEAR_GROUPS.find((y) => y.value === value)?.label ?? value;
}

const NAME_ORDER = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

/**
 * Reception first, then Year 1 … Year 13, then by name with numbers compared as numbers, so
 * "10A" follows "9B" (issue 12, item 12: names sorted as text put Year 10 before Year 9).
 */
export function compareClasses(
  a: { year_group: string; name: string },
  b: { year_group: string; name: string },
) {
  const order = (y: string) => (y === "R" ? 0 : Number(y));
  return order(a.year_group) - order(b.year_group) || NAME_ORDER.compare(a.name, b.name);
}

/** "Year 4 — Oak": how a class is named wherever it is chosen or shown. */
export function classLabel(c: { year_group: string; name: string }) {
  return `${yearGroupLabel(c.year_group)} — ${c.name}`;
}

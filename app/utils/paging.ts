// Lists that grow with the programme are shown a page at a time (issue 16, item 4): at a hundred
// times Norfolk's size the scheduling queue alone was 1.1 MB and a lead's sessions silently
// stopped at 500. One reading of "?page=" and one way to say where the person is in the list.

/** Rows on one page of a long list. */
export const PAGE_SIZE = 100;

/** The page asked for in the address: a whole number from 1; anything else is page 1. */
export function pageFrom(url: URL | URLSearchParams, param = "page"): number {
  const params = url instanceof URL ? url.searchParams : url;
  // Stryker disable next-line StringLiteral: no parameter gives page 1 either way (Number("") is 0, which falls back to 1)
  const n = Number(params.get(param) ?? "1");
  // Stryker disable next-line EqualityOperator: at n = 1 both branches give page 1
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export interface Paged<T> {
  rows: T[];
  page: number;
  pageSize: number;
  /** All rows in the list, across every page. */
  total: number;
}

/** The LIMIT and OFFSET of a page. */
export function pageWindow(page: number, pageSize = PAGE_SIZE) {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

export function lastPage(p: { total: number; pageSize: number }) {
  return Math.max(1, Math.ceil(p.total / p.pageSize));
}

/** "Showing 101 to 200 of 1,000 requests", or "" when everything fits on one page. */
export function showingText(
  p: { page: number; pageSize: number; total: number; rows: { length: number } },
  noun: string,
): string {
  if (p.total <= p.pageSize && p.page === 1) return "";
  if (!p.rows.length)
    return `Nothing on page ${p.page}: there are ${p.total.toLocaleString("en-GB")} ${noun} in all.`;
  const first = (p.page - 1) * p.pageSize + 1;
  const last = first + p.rows.length - 1;
  return `Showing ${first.toLocaleString("en-GB")} to ${last.toLocaleString("en-GB")} of ${p.total.toLocaleString("en-GB")} ${noun}`;
}

/**
 * The same address with another page (page 1 drops the parameter), keeping every other filter but
 * not `saved`: a one-off "saved" message after a form belongs to the page it came back to.
 */
export function pageHref(pathname: string, search: string, page: number, param = "page"): string {
  const params = new URLSearchParams(search);
  params.delete("saved");
  if (page <= 1) params.delete(param);
  else params.set(param, String(page));
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** One page of rows already in memory (a report table computed whole), with the page's place in it. */
export function pageOf<T>(rows: T[], page: number, pageSize = PAGE_SIZE): Paged<T> {
  const last = Math.max(1, Math.ceil(rows.length / pageSize));
  const shown = Math.min(page, last);
  return {
    rows: rows.slice((shown - 1) * pageSize, shown * pageSize),
    page: shown,
    pageSize,
    total: rows.length,
  };
}

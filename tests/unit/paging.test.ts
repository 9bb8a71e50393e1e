import { describe, expect, it } from "vitest";
import {
  lastPage,
  pageFrom,
  pageHref,
  pageOf,
  pageWindow,
  PAGE_SIZE,
  showingText,
} from "~/utils/paging";

// Long lists a page at a time (issue 16, item 4): what a person sees of where they are.
describe("paging", () => {
  it("reads the page asked for, and takes anything that is not a whole number from 1 to 100,000 as page 1", () => {
    const page = (q: string) => pageFrom(new URL(`https://lantern.test/sessions${q}`));
    expect(page("?page=3")).toBe(3);
    expect(page("?page=1")).toBe(1);
    expect(page("?page=100000")).toBe(100_000);
    expect(page("")).toBe(1);
    for (const bad of ["0", "-2", "2.5", "abc", "100001", ""])
      expect(page(`?page=${bad}`), bad).toBe(1);
    expect(pageFrom(new URLSearchParams("p=4&page=2"), "p")).toBe(4);
  });

  it("asks the database for a page's rows: 100 a page, the second page after the first hundred", () => {
    expect(PAGE_SIZE).toBe(100);
    expect(pageWindow(1)).toEqual({ limit: 100, offset: 0 });
    expect(pageWindow(3)).toEqual({ limit: 100, offset: 200 });
    expect(pageWindow(2, 25)).toEqual({ limit: 25, offset: 25 });
  });

  it("knows the last page, and that an empty list still has page 1", () => {
    expect(lastPage({ total: 0, pageSize: 100 })).toBe(1);
    expect(lastPage({ total: 100, pageSize: 100 })).toBe(1);
    expect(lastPage({ total: 101, pageSize: 100 })).toBe(2);
  });

  it("says where the person is in a long list, and nothing when it fits on one page", () => {
    const rows = (n: number) => ({ length: n });
    expect(showingText({ page: 1, pageSize: 100, total: 100, rows: rows(100) }, "requests")).toBe(
      "",
    );
    expect(showingText({ page: 1, pageSize: 100, total: 1000, rows: rows(100) }, "requests")).toBe(
      "Showing 1 to 100 of 1,000 requests",
    );
    expect(showingText({ page: 2, pageSize: 100, total: 1000, rows: rows(100) }, "requests")).toBe(
      "Showing 101 to 200 of 1,000 requests",
    );
    expect(showingText({ page: 11, pageSize: 100, total: 1050, rows: rows(50) }, "requests")).toBe(
      "Showing 1,001 to 1,050 of 1,050 requests",
    );
    // A page past the end of a list that fits on one page still says so.
    expect(showingText({ page: 3, pageSize: 100, total: 40, rows: rows(0) }, "sessions")).toBe(
      "Nothing on page 3: there are 40 sessions in all.",
    );
    expect(showingText({ page: 2, pageSize: 100, total: 100, rows: rows(0) }, "sessions")).toBe(
      "Nothing on page 2: there are 100 sessions in all.",
    );
    expect(showingText({ page: 1, pageSize: 100, total: 101, rows: rows(100) }, "sessions")).toBe(
      "Showing 1 to 100 of 101 sessions",
    );
  });

  it("links to another page keeping every filter, and drops the parameter for page 1", () => {
    expect(pageHref("/sessions", "?district=Norwich&page=2", 3)).toBe(
      "/sessions?district=Norwich&page=3",
    );
    expect(pageHref("/sessions", "?district=Norwich&page=2", 1)).toBe("/sessions?district=Norwich");
    // The message after saving a form is not carried to the next page.
    expect(pageHref("/trainers", "?saved=1&q=ash", 2)).toBe("/trainers?q=ash&page=2");
    expect(pageHref("/sessions", "?page=2", 1)).toBe("/sessions");
    expect(pageHref("/sessions", "", 0)).toBe("/sessions");
    expect(pageHref("/sessions", "?p=2", 5, "p")).toBe("/sessions?p=5");
  });

  it("cuts a list already in memory into pages, and shows the last page for a page past the end", () => {
    const list = Array.from({ length: 250 }, (_, i) => i + 1);
    expect(pageOf(list, 1)).toMatchObject({ page: 1, pageSize: 100, total: 250 });
    expect(pageOf(list, 1).rows).toEqual(list.slice(0, 100));
    expect(pageOf(list, 3).rows).toEqual(list.slice(200, 250));
    expect(pageOf(list, 9)).toEqual({
      rows: list.slice(200, 250),
      page: 3,
      pageSize: 100,
      total: 250,
    });
    expect(pageOf([], 2)).toEqual({ rows: [], page: 1, pageSize: 100, total: 0 });
    expect(pageOf(list, 2, 50).rows).toEqual(list.slice(50, 100));
  });
});

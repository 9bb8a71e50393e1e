import { describe, expect, it } from "vitest";
import { decodeGias, parseGias } from "~/organisations/gias-extract";
import { succeeded } from "../support/outcome";

// Reading the Department for Education's establishment extract (issue 20: the rules moved out of
// gias.server.ts into a pure module). The columns are the extract's own names.

const COLUMNS = [
  "URN",
  "LA (code)",
  "LA (name)",
  "EstablishmentName",
  "TypeOfEstablishment (name)",
  "PhaseOfEducation (name)",
  "EstablishmentStatus (name)",
  "Postcode",
  "DistrictAdministrative (code)",
  "DistrictAdministrative (name)",
];
const line = (cells: string[]) => cells.map((c) => `"${c}"`).join(",");
const norfolk = (urn: string, name: string, extra: Partial<Record<string, string>> = {}) =>
  line([
    urn,
    "926",
    extra.la ?? "Norfolk",
    name,
    extra.type ?? "Community school",
    extra.phase ?? "Primary",
    extra.status ?? "Open",
    extra.postcode ?? "NR1 1AA",
    "E07000148",
    "Norwich",
  ]);
const suffolk = (urn: string, name: string) =>
  line([
    urn,
    "935",
    "Suffolk",
    name,
    "Academy",
    "Secondary",
    "Open",
    "IP1 1AA",
    "E07000244",
    "East Suffolk",
  ]);

describe("decoding", () => {
  it("maps every Windows-1252 character of 0x80–0x9F and leaves the five unassigned bytes alone", () => {
    const bytes = Uint8Array.from(Array.from({ length: 32 }, (_, i) => 0x80 + i));
    expect(decodeGias(bytes)).toBe("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ");
  });
  it("reads plain ASCII unchanged, and only a full byte-order mark as UTF-8", () => {
    expect(decodeGias(new TextEncoder().encode("URN,Name"))).toBe("URN,Name");
    // Two of the mark's three bytes are not a mark: read as Windows-1252.
    expect(decodeGias(Uint8Array.from([0xef, 0xbb, 0x41]))).toBe("ï»A");
    expect(decodeGias(Uint8Array.from([0xef, 0x41, 0xbf]))).toBe("ïA¿");
  });
});

describe("parsing one authority's rows", () => {
  it("keeps each field of the authority's rows, trimmed, with runs of spaces in names made one", () => {
    const csv = [
      line(COLUMNS),
      line([
        " 100001 ",
        "926",
        " Norfolk ",
        " St  Mary’s   Primary ",
        " Voluntary aided school ",
        " Primary ",
        " Open ",
        " NR2 4AA ",
        " E07000148 ",
        " Norwich ",
      ]),
    ].join("\r\n");
    const parsed = succeeded(parseGias(csv, "926"));
    expect(parsed).toEqual({
      ok: true,
      laCode: "926",
      laName: "Norfolk",
      otherLaCount: 0,
      otherLaSample: [],
      rows: [
        {
          urn: "100001",
          name: "St Mary’s Primary",
          type: "Voluntary aided school",
          phase: "Primary",
          status: "Open",
          postcode: "NR2 4AA",
          districtCode: "E07000148",
          districtName: "Norwich",
        },
      ],
    });
  });

  it("takes the authority's name from its first row, and none when it has no rows", () => {
    const csv = [line(COLUMNS), norfolk("1", "A", { la: "" }), norfolk("2", "B")].join("\n");
    expect(succeeded(parseGias(csv, "926")).laName).toBe("Norfolk");
    const none = succeeded(parseGias([line(COLUMNS), suffolk("3", "C")].join("\n"), "926"));
    expect(none.laName).toBeNull();
    expect(none.rows).toEqual([]);
  });

  it("counts other authorities' rows and names up to ten of them", () => {
    const others = Array.from({ length: 12 }, (_, i) => suffolk(`2000${i}`, `School ${i}`));
    const parsed = succeeded(
      parseGias([line(COLUMNS), norfolk("1", "A"), ...others].join("\n"), "926"),
    );
    expect(parsed.otherLaCount).toBe(12);
    expect(parsed.otherLaSample).toEqual(
      Array.from({ length: 10 }, (_, i) => `School ${i} (Suffolk)`),
    );
  });

  it("reads a file with extra columns, columns in another order, blank lines and short rows", () => {
    const header = line(["Extra", ...[...COLUMNS].reverse()]);
    const row = line([
      "x",
      ...[
        "Norwich",
        "E07000148",
        "NR1 1AA",
        "Open",
        "Primary",
        "Community school",
        "A School",
        "Norfolk",
        "926",
        "100001",
      ],
    ]);
    const parsed = succeeded(
      parseGias([header, "", row, line(["y", "Norwich"])].join("\n"), "926"),
    );
    expect(parsed.rows.map((r) => [r.urn, r.name])).toEqual([["100001", "A School"]]);
    expect(parsed.otherLaCount).toBe(1);
  });

  it("says which columns are missing, in the singular and the plural", () => {
    const without = (...names: string[]) =>
      parseGias(line(COLUMNS.filter((c) => !names.includes(c))), "926");
    expect(without("URN")).toEqual({
      ok: false,
      field: "file",
      message: 'This is not a Get Information About Schools extract: it has no "URN" column.',
    });
    expect(without("Postcode", "LA (code)")).toEqual({
      ok: false,
      field: "file",
      message:
        'This is not a Get Information About Schools extract: it has no "LA (code)", "Postcode" columns.',
    });
  });

  it("refuses an empty file and a file that is not CSV, on the file field", () => {
    expect(parseGias("", "926")).toEqual({
      ok: false,
      field: "file",
      message: "The file is empty.",
    });
    const broken = parseGias(`${line(COLUMNS)}\n"100001,"926`, "926");
    expect(broken).toMatchObject({ ok: false, field: "file" });
    expect(broken.ok === false && broken.message).toMatch(/^The file could not be read as CSV: \S/);
    expect(broken.ok === false && broken.message).not.toContain("\n");
  });
});

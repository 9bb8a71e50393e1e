import { describe, expect, it } from "vitest";
import { succeeded } from "../support/outcome";
import { decodeGias, parseGias } from "~/organisations/gias.server";
import { normalisePostcode, settingCategory } from "~/organisations/reference";

describe("UK postcodes", () => {
  it("normalises case and spacing", () => {
    expect(normalisePostcode("nr2 4aa")).toBe("NR2 4AA");
    expect(normalisePostcode(" NR304ZZ ")).toBe("NR30 4ZZ");
    expect(normalisePostcode("pe30  4zz")).toBe("PE30 4ZZ");
    expect(normalisePostcode("SW1A 1AA")).toBe("SW1A 1AA");
    expect(normalisePostcode("ec1a1bb")).toBe("EC1A 1BB");
  });
  it("refuses what is not a postcode", () => {
    for (const bad of ["", "NR2", "12345", "NR2 4A", "NOT A POSTCODE", "NR2 4AAA", "N 4AA"])
      expect(normalisePostcode(bad)).toBeNull();
  });
});

describe("setting categories", () => {
  it("tells schools, alternative provision and colleges apart by establishment type", () => {
    expect(settingCategory("Pupil referral unit")).toBe("Alternative provision");
    expect(settingCategory("Academy alternative provision converter")).toBe(
      "Alternative provision",
    );
    expect(settingCategory("Further education")).toBe("College");
    expect(settingCategory("Sixth form centres")).toBe("College");
    expect(settingCategory("Academy converter")).toBe("School");
    expect(settingCategory(null)).toBe("School");
  });
});

describe("decoding the GIAS extract", () => {
  it("decodes Windows-1252's 0x80–0x9F range as the WHATWG table says, not as Latin-1", () => {
    // King’s (0x92), an en dash (0x96), the euro (0x80), Æ (0xC6) and é (0xE9).
    const bytes = Uint8Array.from([
      0x4b, 0x69, 0x6e, 0x67, 0x92, 0x73, 0x20, 0x96, 0x20, 0x80, 0x20, 0xc6, 0xe9,
    ]);
    expect(decodeGias(bytes)).toBe("King\u2019s \u2013 \u20AC \u00C6\u00E9");
  });
  it("reads a UTF-8 file with a byte-order mark as UTF-8", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("King\u2019s")]);
    expect(decodeGias(bytes)).toBe("King\u2019s");
  });
  it("keeps only the chosen authority's rows and counts the others", () => {
    const header = `"URN","LA (code)","LA (name)","EstablishmentName","TypeOfEstablishment (name)","PhaseOfEducation (name)","EstablishmentStatus (name)","Postcode","DistrictAdministrative (code)","DistrictAdministrative (name)"`;
    const csv = [
      header,
      `"100001","926","Norfolk","A School","Community school","Primary","Open","NR1 1AA","E07000148","Norwich"`,
      `"100002","935","Suffolk","B School","Community school","Primary","Open","IP1 1AA","E07000244","East Suffolk"`,
    ].join("\r\n");
    const parsed = succeeded(parseGias(csv, "926"));
    expect(parsed.laName).toBe("Norfolk");
    expect(parsed.rows.map((r) => r.urn)).toEqual(["100001"]);
    expect(parsed.otherLaCount).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import {
  CHARITY_NUMBER_PATTERN,
  COMPANY_NUMBER_PATTERN,
  KIND_LABELS,
  KIND_PLURALS,
  KINDS,
  normalisePostcode,
  settingCategory,
  URN_PATTERN,
} from "~/organisations/reference";

// The rules of app/organisations/reference.ts that a form or the GIAS import applies (issue 20):
// each accepted example uses the lowest and highest digit and letter in every position, and each
// refused one breaks exactly one part of the pattern, so a pattern that lets one more or one fewer
// shape through is noticed.

describe("URNs (the school's unique reference number)", () => {
  it("accepts six digits, any of 0 to 9", () => {
    for (const urn of ["121234", "100000", "999999", "000000", "090909"])
      expect(URN_PATTERN.test(urn), urn).toBe(true);
  });
  it("refuses five or seven digits, letters, spaces, or anything around the six digits", () => {
    for (const urn of [
      "12123",
      "1212345",
      "12123A",
      "A12123",
      "121 234",
      " 121234",
      "121234 ",
      "x121234",
      "121234x",
      "",
    ])
      expect(URN_PATTERN.test(urn), urn).toBe(false);
  });
});

describe("charity numbers", () => {
  it("accepts 6 or 7 digits (England and Wales) and SC with 6 digits (Scotland)", () => {
    for (const n of ["1190001", "219000", "0999999", "900000", "SC000009", "SC999990", "SC012345"])
      expect(CHARITY_NUMBER_PATTERN.test(n), n).toBe(true);
  });
  it("refuses 5 or 8 digits, SC with 5 or 7 digits, another prefix, and anything around the number", () => {
    for (const n of [
      "11900",
      "11900011",
      "SC01234",
      "SC0123456",
      "NI012345",
      "sc012345",
      "S012345",
      "C0123456",
      "1190001X",
      "X1190001",
      "XSC012345",
      "SC012345X",
      "119 0001",
      "",
    ])
      expect(CHARITY_NUMBER_PATTERN.test(n), n).toBe(false);
  });
});

describe("company numbers", () => {
  it("accepts 8 digits, or two capital letters and 6 digits", () => {
    for (const n of [
      "01234567",
      "99999990",
      "00000009",
      "SC123456",
      "NI000009",
      "AZ999990",
      "ZA090909",
    ])
      expect(COMPANY_NUMBER_PATTERN.test(n), n).toBe(true);
  });
  it("refuses 7 or 9 digits, one or three letters, lower case, and anything around the number", () => {
    for (const n of [
      "1234567",
      "123456789",
      "S1234567",
      "SCO12345",
      "SC12345",
      "SC1234567",
      "ABC12345",
      "sc123456",
      "X01234567",
      "01234567X",
      "XSC123456",
      "SC123456X",
      "0123 4567",
      "",
    ])
      expect(COMPANY_NUMBER_PATTERN.test(n), n).toBe(false);
  });
});

describe("UK postcodes", () => {
  it("writes every shape of postcode as Royal Mail does: the outward code, a space, the inward code", () => {
    const cases: [string, string][] = [
      ["n1 9gu", "N1 9GU"], // area of one letter, district of one digit
      ["m601nw", "M60 1NW"], // one letter, two digits
      ["cr2 6xh", "CR2 6XH"], // two letters, one digit
      ["dn55 1pt", "DN55 1PT"], // two letters, two digits
      ["w1a 0ax", "W1A 0AX"], // one letter, a digit and a letter
      ["ec1a\t1bb", "EC1A 1BB"], // two letters, a digit and a letter; a tab is space too
      [" AB10 1ZZ ", "AB10 1ZZ"], // the letters and digits at each end of their ranges
      ["ZE9 9AA", "ZE9 9AA"],
      ["AZ0 0AZ", "AZ0 0AZ"],
      ["ZA19 9ZA", "ZA19 9ZA"],
      ["B0Z 5QQ", "B0Z 5QQ"],
      ["gir 0aa", "GIR 0AA"], // the one postcode of another shape
      ["GIR0AA", "GIR 0AA"],
      ["nr 2 4 a a", "NR2 4AA"], // spaces anywhere
    ];
    for (const [input, shown] of cases) expect(normalisePostcode(input), input).toBe(shown);
  });
  it("refuses what is not a postcode", () => {
    for (const bad of [
      "",
      "NR2",
      "4AA",
      "NR2 4A",
      "NR2 4AAA",
      "NRR2 4AA", // three letters
      "2NR 4AA", // a digit first
      "NR 4AA", // no district
      "NR2 AAA", // a letter where the inward digit goes
      "NR2 44A", // a digit where a letter goes
      "NR234 4AA", // three characters after the area
      "XNR2 4AA",
      "NR2 4AAX",
      "GIR 0AB",
      "XGIR 0AA",
      "GIR 0AAX",
      "NR2-4AA",
    ])
      expect(normalisePostcode(bad), bad).toBeNull();
  });
});

describe("setting categories", () => {
  it("tells alternative provision, colleges and schools apart by each phrase of the establishment type, in any case", () => {
    expect(settingCategory("Academy alternative provision converter")).toBe(
      "Alternative provision",
    );
    expect(settingCategory("Pupil referral unit")).toBe("Alternative provision");
    expect(settingCategory("SHORT STAY school")).toBe("Alternative provision");
    expect(settingCategory("Further education")).toBe("College");
    expect(settingCategory("Sixth form centres")).toBe("College");
    expect(settingCategory("University technical college")).toBe("College");
    expect(settingCategory("Academy converter")).toBe("School");
    expect(settingCategory("Community special school")).toBe("School");
    expect(settingCategory("")).toBe("School");
    expect(settingCategory(null)).toBe("School");
    expect(settingCategory(undefined)).toBe("School");
  });
});

describe("kinds of organisation", () => {
  it("lists the four kinds, each with a label and a plural", () => {
    expect(KINDS).toEqual(["setting", "vcse", "delivery_partner", "commissioner"]);
    for (const k of KINDS) {
      expect(KIND_LABELS[k]).toMatch(/\w/);
      expect(KIND_PLURALS[k]).toMatch(/\w/);
    }
  });
});

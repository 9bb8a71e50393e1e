import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CODE_BITS,
  CROCKFORD,
  encodeCode,
  formatCode,
  formatSerial,
  normaliseCode,
} from "~/certificates/codes";
import { parseHolderLines } from "~/certificates/schemas";

describe("verification codes", () => {
  it("refuse to make a code from anything but exactly 10 random bytes (issue 20)", () => {
    expect(() => encodeCode(new Uint8Array(9))).toThrow("exactly 10 random bytes");
    expect(() => encodeCode(new Uint8Array(11))).toThrow("exactly 10 random bytes");
    expect(() => encodeCode(new Uint8Array(0))).toThrow("exactly 10 random bytes");
  });

  it("carry at least 80 bits in 16 characters with no confusable letters", () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(80);
    for (const ch of "ILOU") expect(CROCKFORD).not.toContain(ch);
    expect(encodeCode(new Uint8Array(10))).toBe("0000000000000000");
    expect(encodeCode(new Uint8Array(10).fill(255))).toBe("ZZZZZZZZZZZZZZZZ");
  });

  it("encode distinct bytes to distinct codes (the encoding loses no bits)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (a, b) => {
          const same = a.every((x, i) => x === b[i]);
          expect(encodeCode(a) === encodeCode(b)).toBe(same);
        },
      ),
    );
  });

  it("read back however a person types them: case, spaces, hyphens, O for 0, I or L for 1, a pasted address", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const code = encodeCode(bytes);
        expect(normaliseCode(code)).toBe(code);
        expect(normaliseCode(` ${formatCode(code).toLowerCase()} `)).toBe(code);
        expect(normaliseCode(formatCode(code).replace(/-/g, " "))).toBe(code);
        expect(normaliseCode(`https://lantern.example.org/verify/${code}`)).toBe(code);
      }),
    );
    expect(normaliseCode("o0il-1111-0000-0000")).toBe("0011111100000000");
    expect(formatCode("7K3M9QXD2F8RHW4T")).toBe("7K3M-9QXD-2F8R-HW4T");
  });

  it("refuse what cannot be a code", () => {
    expect(normaliseCode("")).toBeNull();
    expect(normaliseCode("7K3M-9QXD-2F8R")).toBeNull();
    expect(normaliseCode("7K3M-9QXD-2F8R-HW4U")).toBeNull();
    expect(normaliseCode("7K3M-9QXD-2F8R-HW4T-0")).toBeNull();
  });
});

describe("serials and holder lists", () => {
  it("writes serials as LTN-YYYY-NNNNNN", () => {
    expect(formatSerial(2026, 123)).toBe("LTN-2026-000123");
  });

  it("reads one person a line, with or without an email, from commas or spreadsheet tabs, and names bad lines", () => {
    const { holders, errors } = parseHolderLines(
      "Aisha Begum, AISHA@example.org\n\nTom Reeve\tTom@example.org\nSam Patel\nBad Line, not-an-email\n, x@example.org",
    );
    expect(holders).toEqual([
      { name: "Aisha Begum", email: "aisha@example.org" },
      { name: "Tom Reeve", email: "tom@example.org" },
      { name: "Sam Patel", email: null },
    ]);
    expect(errors).toEqual([
      'Line 5: "not-an-email" is not an email address',
      "Line 6: enter a name, then a comma and an email address",
    ]);
  });

  it("format an empty code as empty rather than failing", () => {
    expect(formatCode("")).toBe("");
    expect(formatCode("7K3M9QXD2F8RHW4T")).toBe("7K3M-9QXD-2F8R-HW4T");
  });
});

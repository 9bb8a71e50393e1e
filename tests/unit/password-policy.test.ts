import { describe, expect, it } from "vitest";
import {
  burnPasswordCheck,
  checkPassword,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  timingHash,
  verifyPassword,
} from "~/auth/password.server";

// The password rules people meet when they sign up, reset or change a password (NIST SP 800-63B-4:
// length, no composition rules, common and guessable passwords refused), as the form shows them.
// Issue 20: `checkPassword` had no unit test.

const STRONG = "copper kettle orbit lantern-free meadow";

describe("checkPassword", () => {
  it("refuses one character short of the minimum, and never refuses the minimum for its length", async () => {
    expect(MIN_PASSWORD_LENGTH).toBe(15);
    const short = await checkPassword("kettle-orbit-1", []);
    expect(short).toEqual({
      ok: false,
      score: 0,
      problem: "Password must be at least 15 characters. Try three or four unrelated words.",
      hint: "Very weak: this would be guessed almost at once.",
    });
    const atMinimum = await checkPassword("kettle-orbit-9q", []);
    expect([..."kettle-orbit-9q"]).toHaveLength(15);
    expect(atMinimum.problem ?? "").not.toContain("at least 15");
  });

  it("counts characters, not bytes or UTF-16 units: 14 emoji are too short", async () => {
    // Each of these is two UTF-16 units: a length in units would call 14 of them 28 long.
    const fourteen = "🦊🐙🦉🐝🦔🐢🦋🐞🦀🐳🦜🐘🦒🐧";
    expect([...fourteen]).toHaveLength(14);
    expect((await checkPassword(fourteen, [])).problem).toContain("at least 15");
  });

  it("refuses one character over the maximum, and says so without a strength hint", async () => {
    const over = "a quiet river ".repeat(20).slice(0, MAX_PASSWORD_LENGTH + 1);
    expect(over).toHaveLength(257);
    expect(await checkPassword(over, [])).toEqual({
      ok: false,
      score: 0,
      problem: "Password must be 256 characters or fewer.",
      hint: "",
    });
    const atMaximum = await checkPassword(STRONG.padEnd(MAX_PASSWORD_LENGTH, "x"), []);
    expect(atMaximum.problem ?? "").not.toContain("or fewer");
  });

  it("refuses a long but common password, whatever its capitals", async () => {
    const common = await checkPassword("PasswordPassword", []);
    expect(common.ok).toBe(false);
    expect(common.problem).toMatch(/too common|too easy to guess/);
    expect(common.score).toBeLessThan(3);
  });

  it("refuses a guessable password made of the service's and the person's own words", async () => {
    const own = await checkPassword("helenhelencarter", ["helen", "carter"]);
    expect(own.ok).toBe(false);
    expect(own.problem).toBe(
      "This password is too easy to guess. Try three or four unrelated words.",
    );
    expect(own.score).toBeLessThan(3);
    expect(own.hint).toMatch(/^(Very weak|Weak|Fair)/);
  });

  it("refuses a password on the common list as too common, in any capitals", async () => {
    // A keyboard walk of 16 characters from the bundled list of common passwords.
    for (const p of ["1qaz2wsx3edc4rfv", "1QAZ2WSX3EDC4RFV"]) {
      expect(await checkPassword(p, [])).toEqual({
        ok: false,
        score: 0,
        problem: "This password is too common. Choose a different one.",
        hint: "Very weak: this would be guessed almost at once.",
      });
    }
  });

  it("knows English words: a repeated word is weak however long", async () => {
    expect(await checkPassword("momentummomentum1", [])).toMatchObject({ ok: false, score: 1 });
  });

  it("counts the service's own words against a password", async () => {
    // Without "lantern", "sos+" and "momentum" as known words this would score 4.
    expect(await checkPassword("lanternsos+momentum", [])).toMatchObject({ ok: true, score: 3 });
  });

  it("accepts a password that scores 3, the lowest good score", async () => {
    expect(await checkPassword("summerholidays2024", [])).toEqual({
      ok: true,
      score: 3,
      hint: "Good.",
    });
  });

  it("accepts unrelated words, with a hint that matches the score", async () => {
    const good = await checkPassword(STRONG, []);
    expect(good.ok).toBe(true);
    expect(good.problem).toBeUndefined();
    expect(good.score).toBeGreaterThanOrEqual(3);
    expect(good.hint).toBe(good.score === 4 ? "Strong." : "Good.");
  });
});

describe("checkPassword's word lists", () => {
  it("knows English words: one long word is only fair, with the hint for a fair password", async () => {
    expect(await checkPassword("internationalisation", [])).toEqual({
      ok: false,
      score: 2,
      problem: "This password is too easy to guess. Try three or four unrelated words.",
      hint: "Fair: could be stronger. Try adding another unrelated word.",
    });
  });

  it("counts each of the service's own words against a password made of it", async () => {
    // Each would score 3 (good) if its word were not one of the service's.
    for (const p of [
      "lantern-lantern-lantern",
      "sos+-sos+-sos+-sos+",
      "momentum-momentum-momentum",
      "norfolk-norfolk-norfolk",
    ]) {
      expect(await checkPassword(p, []), p).toMatchObject({
        ok: false,
        problem: "This password is too easy to guess. Try three or four unrelated words.",
      });
    }
  });
});

describe("a sign-in for an account that does not exist", () => {
  it("verifies against a real argon2id hash at the same cost as a password's, made once", async () => {
    const first = await timingHash();
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await timingHash()).toBe(first);
    expect(await burnPasswordCheck("not-a-real-password-for-timing")).toBe(false);
    expect(await burnPasswordCheck(STRONG)).toBe(false);
  });
});

describe("hashPassword and verifyPassword", () => {
  it("verifies the same password, written in either Unicode form, and nothing else", async () => {
    // "é" as one code point and as e + combining accent: NFKC makes them the same password.
    const composed = "caf\u00e9 kettle orbit meadow";
    const decomposed = "cafe\u0301 kettle orbit meadow";
    const stored = await hashPassword(composed);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, composed)).toBe(true);
    expect(await verifyPassword(stored, decomposed)).toBe(true);
    expect(await verifyPassword(stored, "cafe kettle orbit meadow")).toBe(false);
    expect(await verifyPassword("not a hash", composed)).toBe(false);
  });
});

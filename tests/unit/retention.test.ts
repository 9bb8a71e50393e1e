import { describe, expect, it } from "vitest";
import { monthsBefore } from "~/privacy/retention.server";

describe("retention cut-off", () => {
  it("goes back whole calendar months, clamping to the end of a shorter month", () => {
    expect(monthsBefore(new Date("2026-11-23T10:00:00Z"), 12).toISOString()).toBe(
      "2025-11-23T10:00:00.000Z",
    );
    expect(monthsBefore(new Date("2026-03-31T00:00:00Z"), 1).toISOString()).toBe(
      "2026-02-28T00:00:00.000Z",
    );
    expect(monthsBefore(new Date("2028-03-31T00:00:00Z"), 1).toISOString()).toBe(
      "2028-02-29T00:00:00.000Z",
    );
    expect(monthsBefore(new Date("2026-01-15T12:00:00Z"), 3).toISOString()).toBe(
      "2025-10-15T12:00:00.000Z",
    );
    expect(monthsBefore(new Date("2026-05-31T23:30:00Z"), 120).toISOString()).toBe(
      "2016-05-31T23:30:00.000Z",
    );
  });
});

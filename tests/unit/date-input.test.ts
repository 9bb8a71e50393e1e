import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  dateFields,
  dateToParts,
  monthNumber,
  parseDateParts,
  readDateParts,
} from "~/utils/date-input";
import { dateInput, optionalDateInput } from "~/utils/date-schema";
import { parseForm } from "~/utils/forms.server";

// The GOV.UK date input's one parser (issue 17, item 14). Calendar arithmetic only: no clock is
// read, so the days below are the same on any day the suite runs.

describe("parseDateParts", () => {
  it("reads day, month and year into a calendar day", () => {
    expect(parseDateParts({ day: "27", month: "3", year: "2027" })).toEqual({
      ok: true,
      date: "2027-03-27",
    });
    expect(parseDateParts({ day: " 07 ", month: "09", year: "2028" })).toEqual({
      ok: true,
      date: "2028-09-07",
    });
  });

  it("takes 12 January as the twelfth of January, never as the first of December", () => {
    expect(parseDateParts({ day: "12", month: "1", year: "2027" })).toEqual({
      ok: true,
      date: "2027-01-12",
    });
  });

  it("accepts month names and the GOV.UK short form Sept", () => {
    expect(monthNumber("Sept")).toBe(9);
    expect(monthNumber("september")).toBe(9);
    expect(monthNumber("Mar")).toBe(3);
    expect(monthNumber("ju")).toBeNull();
    expect(monthNumber("13")).toBeNull();
    expect(parseDateParts({ day: "4", month: "December", year: "2026" })).toEqual({
      ok: true,
      date: "2026-12-04",
    });
  });

  it("says which part is missing, naming the field", () => {
    expect(parseDateParts({ day: "4", year: "2027" }, "the date of birth")).toEqual({
      ok: false,
      message: "The date of birth must include a month",
      parts: ["month"],
    });
    expect(parseDateParts({ year: "2027" }, "the start date")).toEqual({
      ok: false,
      message: "The start date must include a day and month",
      parts: ["day", "month"],
    });
  });

  it("refuses days that are not on the calendar", () => {
    expect(parseDateParts({ day: "30", month: "2", year: "2027" })).toEqual({
      ok: false,
      message: "The date must be a real date",
      parts: ["day"],
    });
    expect(parseDateParts({ day: "29", month: "2", year: "2028" })).toEqual({
      ok: true,
      date: "2028-02-29",
    });
    expect(parseDateParts({ day: "1", month: "13", year: "2027" })).toMatchObject({
      ok: false,
      message: "The date must be a real date",
      parts: ["month"],
    });
    expect(parseDateParts({ day: "x", month: "1", year: "2027" })).toMatchObject({
      ok: false,
      parts: ["day"],
    });
  });

  it("asks for a four-figure year", () => {
    expect(parseDateParts({ day: "1", month: "1", year: "27" })).toEqual({
      ok: false,
      message: "The date: the year must include 4 numbers",
      parts: ["year"],
    });
  });

  it("leaves an empty date to the caller", () => {
    expect(parseDateParts({ day: "", month: " ", year: "" })).toEqual({ ok: true, date: null });
  });
});

describe("the form side", () => {
  it("reads `${name}-day/-month/-year` and writes them back", () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(dateFields("startsOn", "2027-03-27"))) form.append(k, v);
    expect(readDateParts(form, "startsOn")).toEqual({ day: "27", month: "3", year: "2027" });
    expect(dateToParts("2027-03-27")).toEqual({ day: "27", month: "3", year: "2027" });
  });

  const Schema = z
    .object({ on: dateInput("the date"), by: optionalDateInput("the due date") })
    .strict();
  const parse = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return parseForm(form, Schema);
  };

  it("gives the schema YYYY-MM-DD, and undefined for an empty optional date", () => {
    const s = parse({ "on-day": "27", "on-month": "Sept", "on-year": "2027" });
    expect(s.status).toBe("success");
    expect(s.status === "success" && s.value).toEqual({ on: "2027-09-27", by: undefined });
  });

  it("puts the message on the field and keeps what was typed", () => {
    const s = parse({ "on-day": "31", "on-month": "4", "on-year": "2027", "by-day": "2" });
    expect(s.status).toBe("error");
    const reply = s.reply();
    expect(reply.error).toEqual({
      on: ["The date must be a real date"],
      by: ["The due date must include a month and year"],
    });
    expect(reply.initialValue).toMatchObject({
      on: { day: "31", month: "4", year: "2027" },
      by: { day: "2" },
    });
  });

  it("asks for a required date left empty", () => {
    const s = parse({ "on-day": "", "on-month": "", "on-year": "" });
    expect(s.status === "error" && s.error).toMatchObject({ on: ["Enter the date"] });
  });
});

describe("a date sent as one value", () => {
  const schema = z.object({ on: optionalDateInput("the date of the check") });
  it("reads YYYY-MM-DD as its day, month and year, so a script's date is never dropped", () => {
    expect(schema.parse({ on: "2027-03-14" })).toEqual({ on: "2027-03-14" });
    expect(z.object({ on: dateInput("the date") }).parse({ on: " 2027-03-14 " })).toEqual({
      on: "2027-03-14",
    });
  });
  it("reads an empty value as no date, and anything else as not a date", () => {
    expect(schema.parse({ on: "" })).toEqual({ on: undefined });
    const other = schema.safeParse({ on: "14/03/2027" });
    expect(other.success).toBe(false);
    expect(other.error?.issues[0].message).toBe("The date of the check must be a real date");
    const impossible = schema.safeParse({ on: "2027-02-30" });
    expect(impossible.error?.issues[0].message).toBe("The date of the check must be a real date");
  });
});

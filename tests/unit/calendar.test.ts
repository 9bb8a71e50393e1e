import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarFile } from "~/sessions/calendar.server";
import { londonToUtc } from "~/utils/dates";

// Parsed with ical.js, a separate implementation, not the library that wrote the file.
function firstEvent(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  return new ICAL.Event(comp.getFirstSubcomponent("vevent")!);
}

describe("calendar files", () => {
  it("gives the right instant for a 10am London session in July (BST) and in December (GMT)", () => {
    for (const [date, expected] of [
      ["2027-07-08", "2027-07-08T09:00:00.000Z"],
      ["2026-12-09", "2026-12-09T10:00:00.000Z"],
    ]) {
      const start = londonToUtc(date, "10:00");
      const text = calendarFile("Test", [
        {
          uid: `s-${date}`,
          title: "Assembly",
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3600_000).toISOString(),
          location: "Main hall",
        },
      ]);
      const event = firstEvent(text);
      expect(event.startDate.toJSDate().toISOString()).toBe(expected);
      expect(event.summary).toBe("Assembly");
      expect(event.location).toBe("Main hall");
      expect(event.uid).toBe(`s-${date}@lantern`);
    }
  });
});

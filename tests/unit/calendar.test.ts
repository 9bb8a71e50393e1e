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

describe("calendar files: every field a calendar reads (issue 20)", () => {
  const start = londonToUtc("2027-03-04", "18:30");
  const session = {
    uid: "s-1",
    title: "Keeping your child safe",
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
    location: "Norwich Youth Harbour hall",
    description: "Bring a question.",
    url: "https://lantern.example/sessions/open/s-1",
  };
  const calendar = (text: string) => new ICAL.Component(ICAL.parse(text));

  it("names the calendar, publishes by default, and refreshes within the hour", () => {
    const cal = calendar(calendarFile("Lantern — Dan Trainer", [session]));
    expect(cal.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(cal.getFirstPropertyValue("x-wr-calname")).toBe("Lantern — Dan Trainer");
    expect(String(cal.getFirstPropertyValue("prodid"))).toContain("Lantern");
    expect(String(cal.getFirstPropertyValue("refresh-interval"))).toBe("PT1H");
  });

  it("says REQUEST for an invitation and CANCEL for a cancellation", () => {
    const method = (m: "publish" | "request" | "cancel") =>
      calendar(calendarFile("x", [session], { method: m })).getFirstPropertyValue("method");
    expect(method("request")).toBe("REQUEST");
    expect(method("cancel")).toBe("CANCEL");
    expect(method("publish")).toBe("PUBLISH");
  });

  it("writes the end, description, link and a confirmed status with sequence 0", () => {
    const vevent = calendar(calendarFile("x", [session])).getFirstSubcomponent("vevent")!;
    const event = new ICAL.Event(vevent);
    expect(event.endDate.toJSDate().toISOString()).toBe(session.endsAt);
    expect(event.description).toBe("Bring a question.");
    expect(vevent.getFirstPropertyValue("url")).toBe(session.url);
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event.sequence).toBe(0);
  });

  it("marks a cancelled session CANCELLED and carries its sequence, so calendars take the newer copy", () => {
    const vevent = calendar(
      calendarFile("x", [{ ...session, cancelled: true, sequence: 3 }]),
    ).getFirstSubcomponent("vevent")!;
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(new ICAL.Event(vevent).sequence).toBe(3);
  });

  it("leaves out a place, description and link it does not have, and writes one event per session", () => {
    const bare = {
      uid: "s-2",
      title: "Online briefing",
      startsAt: session.startsAt,
      endsAt: session.endsAt,
    };
    const cal = calendar(
      calendarFile("x", [bare, { ...session, location: null, description: null, url: null }]),
    );
    const events = cal.getAllSubcomponents("vevent");
    expect(events.map((e) => new ICAL.Event(e).uid)).toEqual(["s-2@lantern", "s-1@lantern"]);
    for (const e of events) {
      expect(e.getFirstPropertyValue("location")).toBeNull();
      expect(e.getFirstPropertyValue("description")).toBeNull();
      expect(e.getFirstPropertyValue("url")).toBeNull();
    }
  });
});

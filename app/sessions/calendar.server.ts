import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";

// iCalendar files for trainers' feeds and each booking's .ics download. Times are written as UTC
// instants (DTSTART:…Z), so a session is at the right moment on either side of the change between
// BST and GMT, whatever time zone the reader's calendar is in.

export interface CalendarSession {
  /** Stable across edits, so calendars update the event rather than add a second one. */
  uid: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location?: string | null;
  description?: string | null;
  url?: string | null;
  cancelled?: boolean;
  /** Bumped on every change so calendar apps take the newer copy. */
  sequence?: number;
}

export function calendarFile(
  name: string,
  sessions: CalendarSession[],
  opts: { method?: "publish" | "request" | "cancel" } = {},
): string {
  const cal = ical({
    name,
    // Stryker disable next-line StringLiteral: ical-generator writes EN for an empty language too
    prodId: { company: "Lantern", product: "Lantern", language: "EN" },
    ttl: 60 * 60,
  });
  if (opts.method === "request") cal.method(ICalCalendarMethod.REQUEST);
  else if (opts.method === "cancel") cal.method(ICalCalendarMethod.CANCEL);
  else cal.method(ICalCalendarMethod.PUBLISH);
  for (const s of sessions) {
    cal.createEvent({
      id: `${s.uid}@lantern`,
      start: new Date(s.startsAt),
      end: new Date(s.endsAt),
      summary: s.title,
      location: s.location ?? undefined,
      description: s.description ?? undefined,
      url: s.url ?? undefined,
      sequence: s.sequence ?? 0,
      status: s.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}

export const CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8";

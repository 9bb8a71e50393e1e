import type { Attachment, OutgoingEmail } from "~/email/outbox.server";
import { simpleEmail } from "~/email/templates.server";
import { formatTime } from "~/utils/dates";
import { longDay } from "./clashes.server";

// The scheduling emails: to the school coordinator when a request is received, confirmed, changed
// or cancelled; to trainers when they are assigned, and when a session of theirs changes or is
// cancelled. Confirmations and changes carry an .ics invite.

export interface MeetingSummary {
  startsAt: string;
  endsAt: string;
}

export function whenText(m: MeetingSummary) {
  return `${longDay(new Date(m.startsAt))}, ${formatTime(m.startsAt)} to ${formatTime(m.endsAt)}`;
}

function withIcs(email: OutgoingEmail, ics?: string, filename = "session.ics"): OutgoingEmail {
  if (!ics) return email;
  const attachment: Attachment = {
    filename,
    contentType: "text/calendar; charset=utf-8; method=PUBLISH",
    content: ics,
  };
  return { ...email, attachments: [attachment] };
}

export function requestReceivedEmail(p: {
  to: string;
  schoolName: string;
  titles: string[];
  link: string;
}) {
  return simpleEmail(
    p.to,
    `Booking request received: ${p.schoolName}`,
    [
      `Thank you. We have received ${p.titles.length === 1 ? "your request" : `your ${p.titles.length} requests`} for ${p.schoolName}:`,
      p.titles.map((t) => `• ${t}`).join("\n"),
      "A programme lead will confirm a date, time and trainer, and we will email you when they do. You can see the status of your requests at any time in Lantern.",
    ],
    { href: p.link, text: "See your booking requests" },
  );
}

/** To the programme's leads: a school has sent a request, or cancelled one. */
export function requestForLeadsEmail(p: {
  to: string;
  schoolName: string;
  titles: string[];
  change: "new" | "cancelled";
  reason: string | null;
  link: string;
}) {
  const list = p.titles.map((t) => `• ${t}`).join("\n");
  return p.change === "new"
    ? simpleEmail(
        p.to,
        `New booking request: ${p.schoolName}`,
        [
          `${p.schoolName} has asked for:`,
          list,
          "Choose a date, time and trainer on the requests page.",
        ],
        { href: p.link, text: "See requests to schedule" },
      )
    : simpleEmail(
        p.to,
        `Booking request cancelled: ${p.schoolName}`,
        [
          `${p.schoolName} has cancelled its request for:`,
          list,
          ...(p.reason ? [`Reason: ${p.reason}`] : []),
        ],
        { href: p.link, text: "See requests to schedule" },
      );
}

export function requestConfirmedEmail(p: {
  to: string;
  title: string;
  schoolName: string;
  meetings: MeetingSummary[];
  venue: string;
  trainers: string[];
  link: string;
  ics: string;
}) {
  const lines =
    p.meetings.length === 1
      ? [`When: ${whenText(p.meetings[0])}`]
      : [
          `The series of ${p.meetings.length} meetings:`,
          p.meetings.map((m, i) => `${i + 1}. ${whenText(m)}`).join("\n"),
        ];
  return withIcs(
    simpleEmail(
      p.to,
      `Booking confirmed: ${p.title} at ${p.schoolName}`,
      [
        `Your request for “${p.title}” is confirmed.`,
        ...lines,
        `Where: ${p.venue}`,
        `Trainer${p.trainers.length === 1 ? "" : "s"}: ${p.trainers.join(", ")}`,
        "The calendar invite is attached.",
      ],
      { href: p.link, text: "See the booking" },
    ),
    p.ics,
  );
}

export function sessionChangedEmail(p: {
  to: string;
  title: string;
  schoolName: string | null;
  meeting: MeetingSummary;
  venue: string;
  reason: string;
  link: string;
  ics: string;
}) {
  return withIcs(
    simpleEmail(
      p.to,
      `Session moved: ${p.title}${p.schoolName ? ` at ${p.schoolName}` : ""}`,
      [
        `“${p.title}” has been moved.`,
        `New time: ${whenText(p.meeting)}`,
        `Where: ${p.venue}`,
        `Reason: ${p.reason}`,
        "The updated calendar invite is attached.",
      ],
      { href: p.link, text: "See the session" },
    ),
    p.ics,
  );
}

export function sessionPostponedEmail(p: {
  to: string;
  title: string;
  schoolName: string | null;
  meeting: MeetingSummary;
  reason: string;
  link: string;
  ics: string;
}) {
  return withIcs(
    simpleEmail(
      p.to,
      `Session postponed: ${p.title}${p.schoolName ? ` at ${p.schoolName}` : ""}`,
      [
        `“${p.title}” on ${whenText(p.meeting)} is postponed. A new date will be agreed and sent to you.`,
        `Reason: ${p.reason}`,
      ],
      { href: p.link, text: "See the session" },
    ),
    p.ics,
  );
}

export function sessionCancelledEmail(p: {
  to: string;
  title: string;
  schoolName: string | null;
  meetings: MeetingSummary[];
  reason: string;
  link?: string;
  ics?: string;
}) {
  return withIcs(
    simpleEmail(
      p.to,
      `Cancelled: ${p.title}${p.schoolName ? ` at ${p.schoolName}` : ""}`,
      [
        p.meetings.length === 1
          ? `“${p.title}” on ${whenText(p.meetings[0])} has been cancelled.`
          : `“${p.title}” has been cancelled: ${p.meetings.map(whenText).join("; ")}.`,
        `Reason: ${p.reason}`,
      ],
      p.link ? { href: p.link, text: "See the details" } : undefined,
    ),
    p.ics,
  );
}

/** To each programme lead: a school has asked for sessions (so nobody has to watch the queue). */
export function newRequestEmail(p: {
  to: string;
  schoolName: string;
  titles: string[];
  requestedBy: string;
  link: string;
}) {
  return simpleEmail(
    p.to,
    `New booking request: ${p.schoolName}`,
    [
      `${p.requestedBy} at ${p.schoolName} has asked for:`,
      p.titles.map((t) => `• ${t}`).join("\n"),
      "Schedule it, or decline it with a reason, from the requests to schedule.",
    ],
    { href: p.link, text: "See the requests to schedule" },
  );
}

/** To the coordinator: the programme cannot take the request on, and why. */
export function requestDeclinedEmail(p: {
  to: string;
  title: string;
  schoolName: string;
  reason: string;
  link: string;
}) {
  return simpleEmail(
    p.to,
    `Booking request declined: ${p.title} at ${p.schoolName}`,
    [
      `We are sorry: the programme team cannot take on the request for “${p.title}” at ${p.schoolName}.`,
      `Why: ${p.reason}`,
      "You are welcome to request other dates or another session; reply to this email if you would like to talk it through.",
    ],
    { href: p.link, text: "See your booking requests" },
  );
}

/** A lead proposes other dates for a school's request (issue 17, item 3). */
export function datesProposedEmail(p: {
  to: string;
  title: string;
  schoolName: string;
  dates: string[];
  note: string | null;
  link: string;
}) {
  return simpleEmail(
    p.to,
    `Other dates proposed: ${p.title} at ${p.schoolName}`,
    [
      `The programme team cannot offer the dates you asked for “${p.title}” at ${p.schoolName}, but could come on:`,
      p.dates.map((d) => `• ${d}`).join("\n"),
      ...(p.note ? [`From the programme team: ${p.note}`] : []),
      "Accept one of these dates, or tell us why none of them suits, from your booking request.",
    ],
    { href: p.link, text: "Answer on your booking request" },
  );
}

/** The school's answer to proposed dates, for the programme's leads. */
export function proposalAnsweredEmail(p: {
  to: string;
  title: string;
  schoolName: string;
  accepted: string | null;
  reason: string | null;
  link: string;
}) {
  return simpleEmail(
    p.to,
    p.accepted
      ? `Proposed date accepted: ${p.title} at ${p.schoolName}`
      : `Proposed dates refused: ${p.title} at ${p.schoolName}`,
    p.accepted
      ? [
          `${p.schoolName} accepted ${p.accepted} for “${p.title}”.`,
          "Choose the time and trainer to schedule it.",
        ]
      : [
          `${p.schoolName} cannot take any of the dates proposed for “${p.title}”.`,
          `In their words: ${p.reason}`,
          "The request is back with the programme team to schedule, propose other dates or decline.",
        ],
    { href: p.link, text: "Schedule the request" },
  );
}

export function requestCancelledEmail(p: {
  to: string;
  title: string;
  schoolName: string;
  reason: string;
  link: string;
}) {
  return simpleEmail(
    p.to,
    `Booking request cancelled: ${p.title} at ${p.schoolName}`,
    [`The request for “${p.title}” at ${p.schoolName} has been cancelled.`, `Reason: ${p.reason}`],
    { href: p.link, text: "See your booking requests" },
  );
}

export function trainerAssignedEmail(p: {
  to: string;
  title: string;
  place: string;
  meetings: MeetingSummary[];
  venue: string;
  link: string;
  ics: string;
}) {
  const lines =
    p.meetings.length === 1
      ? [`When: ${whenText(p.meetings[0])}`]
      : [
          `A series of ${p.meetings.length} meetings:`,
          p.meetings.map((m, i) => `${i + 1}. ${whenText(m)}`).join("\n"),
        ];
  return withIcs(
    simpleEmail(
      p.to,
      `New session for you: ${p.title} at ${p.place}`,
      [
        `You have been assigned to deliver “${p.title}” at ${p.place}.`,
        ...lines,
        `Where: ${p.venue}`,
        "The calendar invite is attached.",
      ],
      {
        href: p.link,
        text: "Open the run-sheet",
      },
    ),
    p.ics,
  );
}

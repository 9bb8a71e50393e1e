import type { OutgoingEmail } from "~/email/outbox.server";
import { simpleEmail } from "~/email/templates.server";
import { formatLongDate, formatTime } from "~/utils/dates";
import { calendarFile } from "./calendar.server";

// Emails to people who booked a place at an open session: confirmation (or waiting list),
// promotion from the waiting list, the 48-hour reminder, and the session moving, being postponed or
// cancelled. Every calendar file about one session has the same UID and, as SEQUENCE, the session's
// revision, so a calendar replaces (or removes) the event it already holds (decision 076).

export interface EmailSession {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  /** Only for people with a place: an online session's link is never shown publicly. */
  joiningLink?: string | null;
  /** delivery_sessions.revision: raised by every change, so a later file outranks an earlier one. */
  revision: number;
}

function joining(s: EmailSession) {
  return s.joiningLink ? [`Joining link: ${s.joiningLink}`] : [];
}

function when(s: EmailSession) {
  return `${formatLongDate(s.startsAt)}, ${formatTime(s.startsAt)} to ${formatTime(s.endsAt)}`;
}

/**
 * The same UID for every file about one session, so calendars update or remove the one event.
 * Cancelled (METHOD:CANCEL, STATUS:CANCELLED) takes it out of the booker's calendar.
 */
export function sessionInvite(s: EmailSession, opts: { cancelled?: boolean } = {}) {
  return {
    filename: opts.cancelled ? "cancelled.ics" : "invite.ics",
    contentType: `text/calendar; charset=utf-8; method=${opts.cancelled ? "CANCEL" : "PUBLISH"}`,
    content: calendarFile(
      s.title,
      [
        {
          uid: `open-session-${s.id}`,
          title: s.title,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          location: s.location,
          cancelled: opts.cancelled,
          sequence: s.revision,
        },
      ],
      { method: opts.cancelled ? "cancel" : "publish" },
    ),
  };
}

/** To someone who booked again: what they already have. No new link: the first email has theirs. */
export function alreadyBookedEmail(p: {
  to: string;
  session: EmailSession;
  status: "confirmed" | "waiting";
  position: number | null;
}): OutgoingEmail {
  return simpleEmail(p.to, `You already have a place: ${p.session.title}`, [
    "Hello,",
    p.status === "confirmed"
      ? `Someone, probably you, asked for a place at ${p.session.title} with this email address. You already have a place, so nothing has changed.`
      : `Someone, probably you, asked for a place at ${p.session.title} with this email address. You are already on the waiting list${p.position ? ` (number ${p.position})` : ""}, so nothing has changed.`,
    `When: ${when(p.session)}`,
    `Where: ${p.session.location}`,
    "Your first email from us has the link to cancel. If you did not ask, you can ignore this email.",
  ]);
}

/**
 * Booked in a burst, or promoted from a waiting-list place taken in one: the place is held until
 * the link is followed (issue 11, finding 7).
 */
export function confirmPlaceEmail(p: {
  to: string;
  name: string;
  session: EmailSession;
  confirmUrl: string;
  heldUntil: string;
  promoted?: boolean;
}): OutgoingEmail {
  const why = p.promoted
    ? `A place has come up at ${p.session.title} for you from the waiting list. We had many bookings at once when you joined it, so we are holding the place until`
    : `We had many bookings for ${p.session.title} at once, so we are holding a place for you until`;
  return simpleEmail(p.to, `Confirm your place: ${p.session.title}`, [
    `Dear ${p.name},`,
    `${why} ${formatTime(p.heldUntil)} on ${formatLongDate(p.heldUntil)}. To keep it, open this link and press the button:`,
    p.confirmUrl,
    `When: ${when(p.session)}`,
    `Where: ${p.session.location}`,
    "If you did not ask for a place, you can ignore this email: the place is freed when the time runs out.",
  ]);
}

/** To the programme's leads, once per burst. */
export function bookingBurstEmail(p: {
  to: string;
  session: EmailSession;
  bookings: number;
  sessionUrl: string;
}): OutgoingEmail {
  return simpleEmail(p.to, `Many bookings at once: ${p.session.title}`, [
    "Hello,",
    `${p.session.title} (${when(p.session)}) had ${p.bookings} bookings within a minute. It may be a bot. New bookings are being held until each booker confirms by email, and unconfirmed places are freed after a short time.`,
    `See who booked: ${p.sessionUrl}`,
  ]);
}

export function bookingEmail(p: {
  to: string;
  name: string;
  session: EmailSession;
  status: "confirmed" | "waiting";
  position: number | null;
  cancelUrl: string;
}): OutgoingEmail {
  if (p.status === "confirmed") {
    return {
      ...simpleEmail(
        p.to,
        `Your place is booked: ${p.session.title}`,
        [
          `Dear ${p.name},`,
          `You have a place at ${p.session.title}.`,
          `When: ${when(p.session)}`,
          `Where: ${p.session.location}`,
          ...joining(p.session),
          "A calendar invitation is attached. We will send you a reminder two days before.",
          "If you can no longer come, please cancel so that someone on the waiting list can have your place. The link below only cancels this booking.",
        ],
        { href: p.cancelUrl, text: "Cancel my place" },
      ),
      attachments: [sessionInvite(p.session)],
    };
  }
  return simpleEmail(
    p.to,
    `You are on the waiting list: ${p.session.title}`,
    [
      `Dear ${p.name},`,
      `${p.session.title} is full, so you are on the waiting list. You are number ${p.position} in the queue.`,
      `When: ${when(p.session)}`,
      `Where: ${p.session.location}`,
      "If a place comes up, it goes to the first person in the queue and we email them straight away with a calendar invitation.",
      "If you no longer want a place, use the link below to leave the waiting list.",
    ],
    { href: p.cancelUrl, text: "Leave the waiting list" },
  );
}

export function promotedEmail(p: {
  to: string;
  name: string;
  session: EmailSession;
  cancelUrl: string;
}): OutgoingEmail {
  return {
    ...simpleEmail(
      p.to,
      `A place has come up for you: ${p.session.title}`,
      [
        `Dear ${p.name},`,
        `Good news: a place came up at ${p.session.title}, and it is yours. You do not need to do anything to accept it.`,
        `When: ${when(p.session)}`,
        `Where: ${p.session.location}`,
        ...joining(p.session),
        "A calendar invitation is attached.",
        "If you can no longer come, please cancel so the next person can have the place. Use the link below: it replaces the one in our earlier email.",
      ],
      { href: p.cancelUrl, text: "Cancel my place" },
    ),
    attachments: [sessionInvite(p.session)],
  };
}

export function reminderEmail(p: {
  to: string;
  name: string;
  session: EmailSession;
  sessionUrl: string;
  /** A new cancel link for this booking (issue 17, item 9): it replaces the confirmation's. */
  cancelUrl: string;
}): OutgoingEmail {
  return simpleEmail(
    p.to,
    `Reminder: ${p.session.title} on ${formatLongDate(p.session.startsAt)}`,
    [
      `Dear ${p.name},`,
      `This is a reminder that you have a place at ${p.session.title}.`,
      `When: ${when(p.session)}`,
      `Where: ${p.session.location}`,
      ...joining(p.session),
      `The session's details: ${p.sessionUrl}`,
      "If you can no longer come, please cancel so that someone on the waiting list can have your place. Use the link below: it replaces the one in your booking confirmation, and only cancels this booking.",
    ],
    { href: p.cancelUrl, text: "Cancel my place" },
  );
}

export function sessionCancelledEmail(p: {
  to: string;
  name: string;
  session: EmailSession;
  wasWaiting: boolean;
  reason: string | null;
}): OutgoingEmail {
  return {
    ...simpleEmail(p.to, `Cancelled: ${p.session.title} on ${formatLongDate(p.session.startsAt)}`, [
      `Dear ${p.name},`,
      `We are sorry: ${p.session.title} on ${when(p.session)} has been cancelled${p.wasWaiting ? ", so your place on its waiting list has ended" : ""}.`,
      ...(p.reason ? [`Reason: ${p.reason}`] : []),
      "You do not need to do anything. Other sessions are listed on Lantern's open sessions page, where you can book again.",
    ]),
    attachments: p.wasWaiting ? [] : [sessionInvite(p.session, { cancelled: true })],
  };
}

/** A message a lead writes to everyone booked (a venue change, the joining link). */
export function messageToBookersEmail(p: {
  to: string;
  name: string;
  session: EmailSession;
  subject: string;
  message: string;
  sessionUrl: string;
}): OutgoingEmail {
  return simpleEmail(
    p.to,
    `${p.subject}: ${p.session.title} on ${formatLongDate(p.session.startsAt)}`,
    [
      `Dear ${p.name},`,
      ...p.message
        .split(/\r?\n\s*\r?\n/)
        .map((para) => para.trim())
        .filter(Boolean),
      `When: ${when(p.session)}`,
      `Where: ${p.session.location}`,
    ],
    { href: p.sessionUrl, text: "See the session's details" },
  );
}

/** Staff cancelled someone's booking (they asked by phone, or the place was booked twice). */
export function bookingCancelledByStaffEmail(p: {
  to: string;
  name: string;
  session: EmailSession;
  wasWaiting: boolean;
  reason: string;
}): OutgoingEmail {
  return {
    ...simpleEmail(
      p.to,
      `Your ${p.wasWaiting ? "place on the waiting list" : "booking"} is cancelled: ${p.session.title}`,
      [
        `Dear ${p.name},`,
        `Your ${p.wasWaiting ? "place on the waiting list for" : "place at"} ${p.session.title} on ${when(p.session)} has been cancelled by the programme team.`,
        `Reason: ${p.reason}`,
        "If this is a mistake, reply to this email or book again on Lantern's open sessions page.",
      ],
    ),
    attachments: p.wasWaiting ? [] : [sessionInvite(p.session, { cancelled: true })],
  };
}

/** The day before an online session: its joining link, for people with a place. */
export function joiningLinkEmail(p: {
  to: string;
  name: string;
  session: EmailSession;
  sessionUrl: string;
}): OutgoingEmail {
  return simpleEmail(
    p.to,
    `Your joining link for tomorrow: ${p.session.title}`,
    [
      `Dear ${p.name},`,
      `${p.session.title} is tomorrow, ${when(p.session)}. Join it online with the link below; it is for you only, so please do not share it.`,
      ...joining(p.session),
      "If you can no longer come, please cancel with the link in your booking confirmation email, so that someone on the waiting list can have your place.",
    ],
    { href: p.sessionUrl, text: "See the session's details" },
  );
}

/**
 * The session moved to a new time or place. A booker gets an updated invitation (same UID, higher
 * SEQUENCE) that replaces the one they hold; someone on the waiting list had no invitation, so is
 * only told (a calendar entry for a place they do not have would mislead).
 */
export function sessionMovedEmail(p: {
  to: string;
  name: string;
  session: EmailSession;
  wasWaiting: boolean;
  reason: string | null;
}): OutgoingEmail {
  const email = simpleEmail(
    p.to,
    `Changed: ${p.session.title} is now on ${formatLongDate(p.session.startsAt)}`,
    [
      `Dear ${p.name},`,
      `${p.session.title} has moved to a new time or place.`,
      `When: ${when(p.session)}`,
      `Where: ${p.session.location}`,
      ...(p.reason ? [`Reason: ${p.reason}`] : []),
      p.wasWaiting
        ? "You are still on the waiting list. If a place comes up, we will email you straight away."
        : "Your place is kept. The calendar invitation attached replaces the one we sent before. If you can no longer come, please cancel with the link in your booking email, so that someone on the waiting list can have your place.",
    ],
  );
  return p.wasWaiting ? email : { ...email, attachments: [sessionInvite(p.session)] };
}

/** The session is postponed with no new date yet: it leaves the booker's calendar until it has one. */
export function sessionPostponedEmail(p: {
  to: string;
  name: string;
  session: EmailSession;
  wasWaiting: boolean;
  reason: string | null;
}): OutgoingEmail {
  const email = simpleEmail(
    p.to,
    `Postponed: ${p.session.title} on ${formatLongDate(p.session.startsAt)}`,
    [
      `Dear ${p.name},`,
      `We are sorry: ${p.session.title}, planned for ${when(p.session)}, has been postponed. It does not have a new date yet.`,
      ...(p.reason ? [`Reason: ${p.reason}`] : []),
      p.wasWaiting
        ? "You are still on the waiting list. We will email you when the session has a new date."
        : "Your place is kept. We will email you when the session has a new date, with a new calendar invitation. The file attached takes the old date out of your calendar.",
    ],
  );
  return p.wasWaiting
    ? email
    : { ...email, attachments: [sessionInvite(p.session, { cancelled: true })] };
}

import type { HomeTask, NavItem } from "~/components/nav-items";

// This capability's links in the main navigation and on home pages (shown by permission).
export const SESSIONS_NAV: NavItem[] = [
  { href: "/schedule", label: "Schedule", any: ["booking:schedule:any"] },
  { href: "/sessions", label: "Sessions", any: ["session:view:any", "session:deliver:assigned"] },
  { href: "/programmes", label: "Programmes", any: ["programme:manage"] },
  { href: "/bookings", label: "Bookings", any: ["booking:request:own-school"] },
  { href: "/classes", label: "Classes", any: ["class:manage:own-school"] },
];

export const SESSIONS_HOME_TASKS: HomeTask[] = [
  {
    href: "/schedule",
    label: "Requests to schedule",
    description:
      "Confirm schools' requests with a date, time and trainer; Lantern checks for clashes.",
    any: ["booking:schedule:any"],
  },
  {
    href: "/sessions",
    label: "My schedule",
    description: "Your sessions, the run-sheet for each, attendance and your calendar feed.",
    any: ["session:deliver:assigned"],
  },
  {
    href: "/sessions/week",
    label: "Week view",
    description: "Every session this week, day by day.",
    any: ["session:view:any"],
  },
  {
    href: "/programmes",
    label: "Programmes and targets",
    description: "Programme periods, targets by audience, and what has been delivered so far.",
    any: ["programme:manage"],
  },
  {
    href: "/offerings",
    label: "Offerings",
    description:
      "What can be booked: assemblies, workshops, group work, staff and parent sessions.",
    any: ["programme:manage"],
  },
  {
    href: "/trainers",
    label: "Trainers' checks",
    description: "DBS and safeguarding training dates.",
    any: ["booking:schedule:any"],
  },
  {
    href: "/bookings/new",
    label: "Request a session",
    description: "Book SOS+ sessions for your pupils, staff and parents.",
    any: ["booking:request:own-school"],
  },
  {
    href: "/bookings",
    label: "Your booking requests",
    description: "The status of every request, and cancelling one.",
    any: ["booking:request:own-school"],
  },
  {
    href: "/classes",
    label: "Your classes",
    description: "Register classes by year group and number of pupils.",
    any: ["class:manage:own-school"],
  },
];

import type { HomeTask, NavItem } from "~/components/nav-items";

// Feedback questionnaires and the safeguarding log in the main navigation and on home pages.
// The safeguarding log needs clearance on a membership as well: the server checks it, and the link
// is not shown to someone the page would refuse.
export const FEEDBACK_NAV: NavItem[] = [
  {
    href: "/safeguarding",
    label: "Safeguarding log",
    any: ["session:view:any", "safeguarding:record:assigned"],
    clearance: true,
  },
  { href: "/admin/questionnaires", label: "Questionnaires", any: ["programme:manage"] },
];

export const FEEDBACK_HOME_TASKS: HomeTask[] = [
  {
    href: "/safeguarding",
    label: "Safeguarding log",
    description:
      "Concerns raised and referrals made after sessions. Needs safeguarding clearance; every view is recorded.",
    any: ["session:view:any", "safeguarding:record:assigned"],
    clearance: true,
  },
  {
    href: "/admin/questionnaires",
    label: "Feedback questionnaires",
    description:
      "The before-and-after statements, satisfaction and comment questions each offering asks.",
    any: ["programme:manage"],
  },
  {
    href: "/sessions/open",
    label: "Open sessions",
    description:
      "The public list of sessions for parents, teachers and community organisations, with places left.",
    any: ["programme:manage"],
  },
];

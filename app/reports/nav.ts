import type { HomeTask, NavItem } from "~/components/nav-items";

// This capability's links in the main navigation and on home pages (shown by permission).
export const REPORTS_NAV: NavItem[] = [
  {
    href: "/reports",
    label: "Reports",
    any: ["report:view:any", "report:view:own-school", "report:view:own-organisation"],
  },
];

export const REPORTS_HOME_TASKS: HomeTask[] = [
  {
    href: "/reports",
    label: "Programme dashboard",
    description:
      "Sessions delivered and people reached against target, by audience, district, school, month and quarter; CSV exports.",
    any: ["report:view:any"],
  },
  {
    href: "/reports/return",
    label: "Quarterly monitoring return",
    description:
      "Outputs and outcomes for a financial quarter, as PDF and CSV for the commissioner.",
    any: ["report:view:any"],
  },
  {
    href: "/reports",
    label: "Your school's summary",
    description: "What has been delivered at your school, and what is booked.",
    any: ["report:view:own-school"],
  },
  {
    href: "/reports",
    label: "Your organisation's summary",
    description: "Your staff and volunteers at training sessions.",
    any: ["report:view:own-organisation"],
  },
];

import type { HomeTask, NavItem } from "~/components/nav-items";

// Casework links. Showing a link protects nothing: every casework route checks the viewer again
// (app/casework/access.server.ts), and an uncleared lead who follows one gets 404.
export const CASEWORK_NAV: NavItem[] = [
  { href: "/casework", label: "Casework", any: ["casework:work:allocated", "casework:manage"] },
  { href: "/casework/referrals", label: "1-2-1 referrals", any: ["casework:refer:own-school"] },
];

export const CASEWORK_HOME_TASKS: HomeTask[] = [
  {
    href: "/reports/casework",
    label: "1-2-1 support in figures",
    description:
      "Referrals, caseload, assessment change and outcomes at closure for SOS+ 1-2-1 and Pathways Out (counts only).",
    any: ["report:view:any"],
  },
  {
    href: "/casework",
    label: "Caseload",
    description: "The young people you support: consent, contacts, assessments, risk and closure.",
    any: ["casework:work:allocated"],
  },
  {
    href: "/casework/referrals",
    label: "1-2-1 referrals",
    description:
      "Triage referrals to SOS+ 1-2-1 and Pathways Out, allocate caseworkers, oversee caseloads (safeguarding-cleared leads).",
    any: ["casework:manage"],
  },
  {
    href: "/casework/referrals",
    label: "Refer a young person for 1-2-1 support",
    description:
      "Refer a pupil at high risk to SOS+ 1-2-1 or Pathways Out, and follow your referrals' status (safeguarding leads).",
    any: ["casework:refer:own-school"],
  },
];

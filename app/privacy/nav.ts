import type { HomeTask, NavItem } from "~/components/nav-items";

// Data protection links (subject access, erasure, retention), for programme leads.
export const PRIVACY_NAV: NavItem[] = [];

export const PRIVACY_HOME_TASKS: HomeTask[] = [
  {
    href: "/admin/privacy",
    label: "Data protection",
    description: "Subject access exports, erasure, and how long personal data is kept.",
    any: ["privacy:manage"],
  },
];

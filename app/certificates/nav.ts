import type { HomeTask, NavItem } from "~/components/nav-items";

// This capability's links in the main navigation and on home pages (shown by permission).
export const CERTIFICATES_NAV: NavItem[] = [
  { href: "/admin/certificates", label: "Certificates", any: ["certificate:manage:any"] },
  {
    href: "/certificates/staff",
    label: "Staff certificates",
    any: ["certificate:view:own-organisation"],
  },
];

export const CERTIFICATES_HOME_TASKS: HomeTask[] = [
  {
    href: "/certificates",
    label: "Your certificates",
    description: "Download your certificates for modules completed and sessions attended.",
    any: ["certificate:own"],
  },
  {
    href: "/certificates/staff",
    label: "Your staff's certificates",
    description: "Certificates held by people in your organisation.",
    any: ["certificate:view:own-organisation"],
  },
  {
    href: "/admin/certificates",
    label: "Certificates",
    description:
      "Search, issue, revoke and re-issue certificates; issue them in bulk and download a ZIP.",
    any: ["certificate:manage:any"],
  },
];

import type { HomeTask, NavItem } from "~/components/navigation";

// This capability's links in the main navigation and on home pages (shown by permission).
export const CERTIFICATES_NAV: NavItem[] = [];

export const CERTIFICATES_HOME_TASKS: HomeTask[] = [];

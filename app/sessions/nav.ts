import type { HomeTask, NavItem } from "~/components/navigation";

// This capability's links in the main navigation and on home pages (shown by permission).
export const SESSIONS_NAV: NavItem[] = [];

export const SESSIONS_HOME_TASKS: HomeTask[] = [];

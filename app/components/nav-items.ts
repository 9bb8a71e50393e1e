import type { Permission } from "~/auth/permissions";

// The shapes of navigation links and home-page tasks, apart from navigation.ts (which gathers
// every capability's nav.ts): each nav.ts imports these types, navigation.ts imports the lists.

export interface NavItem {
  href: string;
  label: string;
  any: Permission[];
  /**
   * Shown only through a membership that is safeguarding-cleared and whose role gives one of `any`
   * (the page refuses anyone else: decision 091).
   */
  clearance?: true;
}

export interface HomeTask {
  href: string;
  label: string;
  description: string;
  any: Permission[];
  clearance?: true;
}

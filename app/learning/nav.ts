import type { HomeTask, NavItem } from "~/components/nav-items";

// This capability's links in the main navigation and on home pages (shown by permission).
export const LEARNING_NAV: NavItem[] = [
  { href: "/learning/my", label: "My learning", any: ["learning:learn"] },
  {
    href: "/learning/organisations",
    label: "Staff learning",
    any: ["learning:oversee:own-organisation"],
  },
  { href: "/learning/oversight", label: "E-learning", any: ["learning:oversee:any"] },
  { href: "/author", label: "Write e-learning", any: ["learning:author"] },
];

export const LEARNING_HOME_TASKS: HomeTask[] = [
  {
    href: "/learning",
    label: "E-learning modules",
    description: "Learn to recognise and respond to child criminal exploitation, at your own pace.",
    any: ["learning:learn"],
  },
  {
    href: "/learning/my",
    label: "My learning",
    description: "Carry on where you left off, and see the modules you have completed.",
    any: ["learning:learn"],
  },
  {
    href: "/learning/organisations",
    label: "Staff learning",
    description: "Your staff's progress, your training passport, and a spreadsheet export.",
    any: ["learning:oversee:own-organisation"],
  },
  {
    href: "/learning/oversight",
    label: "E-learning across organisations",
    description: "Enrolments and completions by organisation and by district.",
    any: ["learning:oversee:any"],
  },
  {
    href: "/author",
    label: "Write e-learning",
    description: "Write, preview, publish and update modules and quizzes.",
    any: ["learning:author"],
  },
];

import type { Audience } from "~/db/schema";

// The single source of what each audience is called (issue 12, item 12: VCSE staff were
// "VCSE staff and volunteers" on the run-sheet, "Staff and volunteers of voluntary and community
// organisations" on the public session page and "Community organisations" in the public list).
// Every page, CSV, PDF and email takes the name from here. The `audiences` table keeps the same
// names as the reference data foreign keys point at; a test holds its labels equal to these.
// Pure data, so the browser bundle can use it too.

export interface AudienceInfo {
  name: Audience;
  /** What the audience is called everywhere. */
  label: string;
  /** A plain-English explanation for the public, where the label holds an abbreviation. */
  hint: string | null;
  /** Pupils are counted by class; everyone else by registration. */
  countedBy: "class" | "registration";
}

export const AUDIENCES: readonly AudienceInfo[] = [
  { name: "pupils", label: "Pupils", hint: null, countedBy: "class" },
  { name: "teachers", label: "Teachers and school staff", hint: null, countedBy: "registration" },
  { name: "parents", label: "Parents and carers", hint: null, countedBy: "registration" },
  {
    name: "vcse_staff",
    label: "VCSE staff and volunteers",
    hint: "Staff and volunteers of voluntary, community and social enterprise (VCSE) organisations",
    countedBy: "registration",
  },
];

/** The audiences' names in their display order, for zod enums and SQL. */
export const AUDIENCE_NAMES = [
  "pupils",
  "teachers",
  "parents",
  "vcse_staff",
] as const satisfies readonly Audience[];

const BY_NAME = new Map<string, AudienceInfo>(AUDIENCES.map((a) => [a.name, a]));

/** An audience's label; an unknown name (never expected) is shown as it is rather than hidden. */
export function audienceLabel(name: string): string {
  return BY_NAME.get(name)?.label ?? name;
}

export function audienceHint(name: string): string | null {
  return BY_NAME.get(name)?.hint ?? null;
}

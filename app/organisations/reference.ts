import type { OrganisationKind } from "~/db/schema";

// Pure reference data and rules for organisations, shared by the pages and the server.

// The word lists below are vocabulary, not rules: the kinds' labels, and Get Information About
// Schools' own names for phases and establishment types, copied from its extract. A test could only
// repeat them word for word, so mutation testing leaves them alone (docs/MUTATION.md); the rules
// after them (setting categories, postcodes, URN, charity and company numbers) are tested.
// Stryker disable StringLiteral,ObjectLiteral,ArrayDeclaration: words that pages show and GIAS names; a test could only repeat them

export const KIND_LABELS: Record<OrganisationKind, string> = {
  setting: "Setting",
  vcse: "VCSE organisation",
  delivery_partner: "Delivery partner",
  commissioner: "Commissioner",
};

export const KIND_PLURALS: Record<OrganisationKind, string> = {
  setting: "Settings (schools, alternative provision, colleges)",
  vcse: "VCSE organisations",
  delivery_partner: "Delivery partners",
  commissioner: "Commissioners",
};

// Stryker restore StringLiteral,ObjectLiteral,ArrayDeclaration
export const KINDS = Object.keys(KIND_LABELS) as OrganisationKind[];

// Stryker disable StringLiteral,ArrayDeclaration: GIAS's own names, copied from its extract; a test could only repeat them

/** Get Information About Schools' "PhaseOfEducation (name)" values. */
export const PHASES = [
  "Nursery",
  "Primary",
  "Middle deemed primary",
  "Middle deemed secondary",
  "Secondary",
  "All-through",
  "16 plus",
  "Not applicable",
];

/** The "TypeOfEstablishment (name)" values a Norfolk setting is likely to have. */
export const ESTABLISHMENT_TYPES = [
  "Community school",
  "Voluntary aided school",
  "Voluntary controlled school",
  "Foundation school",
  "Academy converter",
  "Academy sponsor led",
  "Free schools",
  "University technical college",
  "Studio schools",
  "Community special school",
  "Foundation special school",
  "Academy special converter",
  "Academy special sponsor led",
  "Free schools special",
  "Non-maintained special school",
  "Pupil referral unit",
  "Academy alternative provision converter",
  "Academy alternative provision sponsor led",
  "Free schools alternative provision",
  "Further education",
  "Sixth form centres",
  "Other independent school",
  "Other independent special school",
];

// Stryker restore StringLiteral,ArrayDeclaration

export type SettingCategory = "School" | "Alternative provision" | "College";

/** Schools, alternative provision and colleges are all settings; the establishment type tells which. */
export function settingCategory(establishmentType: string | null | undefined): SettingCategory {
  // Stryker disable next-line StringLiteral: no establishment type reads as "", and any other words that name no category read as a school too
  const t = (establishmentType ?? "").toLowerCase();
  if (
    t.includes("alternative provision") ||
    t.includes("pupil referral") ||
    t.includes("short stay")
  )
    return "Alternative provision";
  if (t.includes("further education") || t.includes("sixth form") || t.includes("college"))
    return "College";
  return "School";
}

// UK postcodes: outward code (area, district) and inward code (sector, unit), plus GIR 0AA.
const POSTCODE = /^(GIR0AA|[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2})$/;

/** "nr2 4aa" → "NR2 4AA"; null when it is not a UK postcode. */
export function normalisePostcode(input: string): string | null {
  // Every space removed one by one (/\s+/ would remove the same, and be a mutant no test could tell apart).
  const compact = input.replace(/\s/g, "").toUpperCase();
  if (!POSTCODE.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export const URN_PATTERN = /^[0-9]{6}$/;
/** Charity Commission (England and Wales) numbers have 6 or 7 digits; Scottish ones are SC + 6 digits. */
export const CHARITY_NUMBER_PATTERN = /^([0-9]{6,7}|SC[0-9]{6})$/;
/** Companies House numbers: 8 characters, digits or a two-letter prefix and 6 digits. */
export const COMPANY_NUMBER_PATTERN = /^([0-9]{8}|[A-Z]{2}[0-9]{6})$/;

import { caseworkPrivacy } from "~/casework/privacy.server";
import { certificatesPrivacy } from "~/certificates/privacy.server";
import { registrationsPrivacy } from "~/sessions/privacy.server";
import { foundationPrivacy } from "./foundation.server";
import type { PrivacyHandler } from "./registry.server";

// Every capability that stores personal data keeps its handler beside its tables
// (`<capability>/privacy.server.ts`) and adds it here (one line each), so a subject
// access export and an erasure cover the whole of Lantern. The test in
// tests/integration/privacy.test.ts checks that an erased person's email and name are nowhere.
export const PRIVACY_HANDLERS: PrivacyHandler[] = [
  foundationPrivacy,
  registrationsPrivacy,
  certificatesPrivacy,
  caseworkPrivacy,
  // learning: enrolments, progress, quiz attempts and assignments hold only the user id, erased with the account
];

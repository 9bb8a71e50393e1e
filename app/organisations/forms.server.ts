import type { OrganisationKind } from "~/db/schema";
import { parseForm } from "~/utils/forms.server";
import type { OrganisationInput } from "./organisations.server";
import { CommissionerSchema, PartnerSchema, SettingSchema, VcseSchema } from "./schemas";

/** Parses the organisation form with the schema of its kind. */
export function parseOrganisationForm(formData: FormData, kind: OrganisationKind) {
  switch (kind) {
    case "setting": {
      const submission = parseForm(formData, SettingSchema);
      return {
        submission,
        input: submission.status === "success" ? (submission.value as OrganisationInput) : null,
      };
    }
    case "vcse": {
      const submission = parseForm(formData, VcseSchema);
      return {
        submission,
        input: submission.status === "success" ? (submission.value as OrganisationInput) : null,
      };
    }
    case "delivery_partner": {
      const submission = parseForm(formData, PartnerSchema);
      return {
        submission,
        input: submission.status === "success" ? (submission.value as OrganisationInput) : null,
      };
    }
    case "commissioner": {
      const submission = parseForm(formData, CommissionerSchema);
      return {
        submission,
        input: submission.status === "success" ? (submission.value as OrganisationInput) : null,
      };
    }
  }
}

import { Select, Textarea, TextInput, type Option } from "~/components/form";
import type { OrganisationKind } from "~/db/schema";
import { registerSettingType, SETTING_TYPES, settingTypeLabel } from "~/reports/setting-types";
import { ESTABLISHMENT_TYPES, PHASES } from "./reference";

export interface OrganisationValues {
  name?: string | null;
  urn?: string | null;
  phase?: string | null;
  establishment_type?: string | null;
  setting_type?: string | null;
  district_id?: string | null;
  postcode?: string | null;
  address?: string | null;
  contact_phone?: string | null;
  charity_number?: string | null;
  company_number?: string | null;
}

/** What the register's phase and establishment type make this setting, for the hint. */
function registerText(values: OrganisationValues) {
  if (!values.phase && !values.establishment_type) return "";
  const t = registerSettingType(values.phase, values.establishment_type);
  return t
    ? ` The register makes it: ${settingTypeLabel(t).toLowerCase()}.`
    : " The register does not place it: it counts as other until a type is chosen.";
}

/** The fields of the organisation form for one kind; used by the create and edit pages. */
export function OrganisationFields({
  kind,
  values = {},
  districts,
}: {
  kind: OrganisationKind;
  values?: OrganisationValues;
  districts: { id: string; name: string }[];
}) {
  const districtOptions: Option[] = districts.map((d) => ({ value: d.id, label: d.name }));
  const types =
    ESTABLISHMENT_TYPES.includes(values.establishment_type ?? "") || !values.establishment_type
      ? ESTABLISHMENT_TYPES
      : [values.establishment_type, ...ESTABLISHMENT_TYPES];
  return (
    <>
      <TextInput name="name" label="Name" defaultValue={values.name} autoComplete="organization" />
      {kind === "setting" ? (
        <>
          <TextInput
            name="urn"
            label="URN"
            hint="The 6-digit unique reference number from Get Information About Schools"
            defaultValue={values.urn}
            width="10"
            inputMode="numeric"
            spellCheck={false}
          />
          <Select
            name="phase"
            label="Phase of education"
            defaultValue={values.phase}
            placeholder="Choose a phase"
            options={PHASES.map((p) => ({ value: p, label: p }))}
          />
          <Select
            name="establishmentType"
            label="Type of establishment"
            hint="Pupil referral units and alternative provision count as alternative provision; further education and sixth form centres as colleges."
            defaultValue={values.establishment_type}
            placeholder="Choose a type"
            options={types.map((t) => ({ value: t, label: t }))}
          />
          <Select
            name="settingType"
            label="Type of setting in reports"
            hint={`Reports share settings out by type, as evaluations do. Leave it to the schools register unless the register does not place this setting or places it wrongly.${registerText(values)}`}
            defaultValue={values.setting_type}
            placeholder="As the schools register says"
            options={SETTING_TYPES.map((t) => ({ value: t.key, label: t.label }))}
          />
        </>
      ) : null}
      {kind === "setting" || kind === "vcse" ? (
        <Select
          name="districtId"
          label="District"
          defaultValue={values.district_id}
          placeholder="Choose a district"
          options={districtOptions}
        />
      ) : null}
      {kind === "setting" ? (
        <TextInput
          name="postcode"
          label="Postcode"
          defaultValue={values.postcode}
          width="10"
          autoComplete="postal-code"
          spellCheck={false}
        />
      ) : null}
      {kind === "setting" ? (
        <>
          <Textarea
            name="address"
            label="Street address (optional)"
            hint="Shown to trainers on the run-sheet, with the postcode and a map link"
            rows={3}
            defaultValue={values.address}
          />
          <TextInput
            name="contactPhone"
            label="Phone for visits (optional)"
            hint="The number a trainer rings on the day, like the school office or the coordinator"
            defaultValue={values.contact_phone}
            width="20"
            type="tel"
            autoComplete="off"
          />
        </>
      ) : null}
      {kind === "vcse" || kind === "delivery_partner" ? (
        <>
          <TextInput
            name="charityNumber"
            label="Charity number (optional)"
            hint="Registered with the Charity Commission, like 1190001"
            defaultValue={values.charity_number}
            width="10"
            spellCheck={false}
          />
          <TextInput
            name="companyNumber"
            label="Company number (optional)"
            hint="Registered at Companies House, like 12000003"
            defaultValue={values.company_number}
            width="10"
            spellCheck={false}
          />
        </>
      ) : null}
    </>
  );
}

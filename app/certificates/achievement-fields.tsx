import { Radios, Select, TextInput, Textarea } from "~/components/form";
import { DateInput } from "~/components/date-input";
import { formatDay } from "~/utils/dates";

// The "what was achieved" fields shared by the hand-issue and bulk forms.
export function AchievementFields({
  issuers,
  today,
  requestId,
}: {
  issuers: string[];
  today: string;
  requestId: string;
}) {
  return (
    <>
      <input type="hidden" name="requestId" value={requestId} />
      <Radios
        name="kind"
        label="What is the certificate for?"
        options={[
          { value: "module", label: "Completing an e-learning module" },
          {
            value: "session",
            label: "Attending a training session",
            hint: "For example a twilight CPD session for teachers",
          },
        ]}
      />
      <TextInput name="title" label="Name of the module or session" />
      <TextInput
        name="moduleVersion"
        label="Module version (for a module)"
        hint="For example 3"
        width="5"
      />
      <DateInput name="sessionDate" label="Date of the session (for a session)" />
      <TextInput
        name="audience"
        label="Audience (for a session, optional)"
        hint="For example Teachers, or VCSE staff and volunteers"
        width="20"
      />
      <TextInput
        name="format"
        label="Format (for a session, optional)"
        hint="For example Twilight CPD, or Online"
        width="20"
      />
      <Textarea
        name="description"
        label="Description (optional)"
        hint="One or two sentences printed on the certificate: what it covered"
        rows={3}
      />
      <DateInput
        name="achievedOn"
        label="Date achieved (optional)"
        hint={`Printed on the certificate. Leave it blank to use the session's date, or today (${formatDay(today)}) for a module. For example, 27 3 2027`}
      />
      <Select
        name="issuerName"
        label="Issued by"
        options={issuers.map((i) => ({ value: i, label: i }))}
        placeholder="Select an organisation"
      />
      <TextInput
        name="programmeName"
        label="Programme"
        hint="For example SOS+, or Third Sector Capacity Building"
        width="30"
      />
    </>
  );
}

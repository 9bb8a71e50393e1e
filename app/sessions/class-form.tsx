import {
  Button,
  ErrorSummary,
  Form,
  Select,
  TextInput,
  Textarea,
  type Reply,
} from "~/components/form";

export const YEAR_GROUP_OPTIONS = [
  { value: "R", label: "Reception" },
  ...Array.from({ length: 13 }, (_, i) => ({ value: String(i + 1), label: `Year ${i + 1}` })),
];

export function ClassForm({
  reply,
  schools,
  defaults,
  submit,
}: {
  reply: Reply | undefined;
  schools: { id: string; name: string }[] | null;
  defaults: {
    year_group?: string;
    name?: string;
    pupil_count?: number;
    access_needs?: string | null;
  };
  submit: string;
}) {
  return (
    <>
      <ErrorSummary reply={reply} />
      <Form reply={reply}>
        <input type="hidden" name="intent" value="save" />
        {schools && schools.length > 1 ? (
          <Select
            name="settingId"
            label="School"
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : null}
        {schools && schools.length === 1 ? (
          <input type="hidden" name="settingId" value={schools[0].id} />
        ) : null}
        <Select
          name="yearGroup"
          label="Year group"
          placeholder="Choose a year group"
          defaultValue={defaults.year_group ?? ""}
          options={YEAR_GROUP_OPTIONS}
        />
        <TextInput
          name="name"
          label="Class name"
          hint="How the school knows the class, for example 9X or Mrs Patel’s class"
          defaultValue={defaults.name}
          width="20"
        />
        <TextInput
          name="pupilCount"
          label="Number of pupils"
          hint="Pupils are counted, never named"
          inputMode="numeric"
          width="3"
          defaultValue={defaults.pupil_count}
        />
        <Textarea
          name="accessNeeds"
          label="Access needs (optional)"
          hint="Anything the trainer should plan for, such as a hearing loop, step-free access or a quiet space. Do not name pupils."
          rows={3}
          defaultValue={defaults.access_needs ?? undefined}
        />
        <Button>{submit}</Button>
      </Form>
    </>
  );
}

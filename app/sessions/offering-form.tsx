import {
  Button,
  Checkboxes,
  ErrorSummary,
  Form,
  Radios,
  Select,
  TextInput,
  Textarea,
  type Reply,
} from "~/components/form";

export interface OfferingFormData {
  programmes: { id: string; name: string }[];
  audiences: { name: string; label: string }[];
  formats: { name: string; label: string }[];
  questionnaires: { id: string; name: string; style: string }[];
}

export interface OfferingDefaults {
  programme_id?: string;
  title?: string;
  description?: string | null;
  audience?: string;
  format?: string;
  duration_minutes?: number;
  capacity?: number;
  questionnaire_id?: string | null;
  series_length?: number;
  series_interval_days?: number;
  open_to_public?: number;
  school_phase?: string | null;
}

export function OfferingForm({
  reply,
  data,
  defaults,
  submit,
}: {
  reply: Reply | undefined;
  data: OfferingFormData;
  defaults: OfferingDefaults;
  submit: string;
}) {
  return (
    <>
      <ErrorSummary reply={reply} />
      <Form reply={reply}>
        <input type="hidden" name="intent" value="save" />
        <Select
          name="programmeId"
          label="Programme"
          defaultValue={defaults.programme_id}
          options={data.programmes.map((p) => ({ value: p.id, label: p.name }))}
        />
        <TextInput
          name="title"
          label="Title"
          defaultValue={defaults.title}
          hint="What schools and trainers will see, for example “Classroom workshop (Years 7–12)”"
        />
        <Textarea
          name="description"
          label="Description (optional)"
          rows={3}
          defaultValue={defaults.description ?? undefined}
        />
        <Radios
          name="audience"
          label="Who it is for"
          defaultValue={defaults.audience}
          options={data.audiences.map((a) => ({ value: a.name, label: a.label }))}
        />
        <Radios
          name="format"
          label="Format"
          defaultValue={defaults.format}
          options={data.formats.map((f) => ({ value: f.name, label: f.label }))}
        />
        <TextInput
          name="durationMinutes"
          label="Length in minutes"
          inputMode="numeric"
          width="3"
          defaultValue={defaults.duration_minutes}
        />
        <TextInput
          name="capacity"
          label="Capacity"
          hint="The most people (or pupils) one session takes"
          inputMode="numeric"
          width="5"
          defaultValue={defaults.capacity}
        />
        <Select
          name="questionnaireId"
          label="Feedback questionnaire"
          placeholder="None"
          defaultValue={defaults.questionnaire_id ?? ""}
          options={data.questionnaires.map((q) => ({
            value: q.id,
            label: q.style === "pupil" ? `${q.name} (pupil version)` : q.name,
          }))}
        />
        <TextInput
          name="seriesLength"
          label="Meetings in a series"
          hint="1 for a single session; for example 6 for extended group work, the same group every week"
          inputMode="numeric"
          width="2"
          defaultValue={defaults.series_length ?? 1}
        />
        <TextInput
          name="seriesIntervalDays"
          label="Days between meetings"
          inputMode="numeric"
          width="2"
          defaultValue={defaults.series_interval_days ?? 7}
        />
        <Radios
          name="schoolPhase"
          label="Which schools is it for?"
          hint="A school's request form offers only what suits its phase, taken from the schools register"
          defaultValue={defaults.school_phase ?? "any"}
          options={[
            { value: "any", label: "Every school" },
            { value: "primary", label: "Primary schools" },
            { value: "secondary", label: "Secondary schools, colleges and alternative provision" },
          ]}
        />
        <Checkboxes
          name="openToPublic"
          label="Open sessions"
          options={[
            {
              value: "yes",
              label: "Open to the public",
              hint: "Sessions of this offering can be listed publicly and booked without an account",
            },
          ]}
          defaultValue={defaults.open_to_public ? ["yes"] : []}
        />
        <Button>{submit}</Button>
      </Form>
    </>
  );
}

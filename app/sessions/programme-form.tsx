import {
  Button,
  ErrorSummary,
  Form,
  Select,
  TextInput,
  Textarea,
  type Reply,
} from "~/components/form";
import { DateInput } from "~/components/date-input";
import { AUDIENCES } from "./audiences";

// The programme form, shared by "add" and "edit": period, delivery partner and per-audience targets.

export interface ProgrammeDefaults {
  name?: string;
  description?: string | null;
  deliveryPartnerId?: string | null;
  startsOn?: string;
  endsOn?: string;
  targets?: Record<string, { sessions: number; people: number }>;
}

export function ProgrammeForm({
  reply,
  partners,
  defaults,
  submit,
}: {
  reply: Reply | undefined;
  partners: { id: string; name: string }[];
  defaults: ProgrammeDefaults;
  submit: string;
}) {
  return (
    <>
      <ErrorSummary reply={reply} />
      <Form reply={reply}>
        <TextInput name="name" label="Name" defaultValue={defaults.name} />
        <Textarea
          name="description"
          label="Description (optional)"
          rows={3}
          defaultValue={defaults.description ?? undefined}
        />
        <Select
          name="deliveryPartnerId"
          label="Delivered by"
          placeholder="Not set"
          defaultValue={defaults.deliveryPartnerId ?? ""}
          options={partners.map((p) => ({ value: p.id, label: p.name }))}
        />
        <DateInput name="startsOn" label="Starts on" defaultValue={defaults.startsOn} />
        <DateInput name="endsOn" label="Ends on" defaultValue={defaults.endsOn} />
        <h2 className="govuk-heading-m">Targets</h2>
        <p className="govuk-body">Leave an audience blank if the programme has no target for it.</p>
        {AUDIENCES.map((a) => (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-4" key={a.name}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{a.label}</legend>
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-one-half">
                <TextInput
                  name={`sessions_${a.name}`}
                  label="Sessions"
                  inputMode="numeric"
                  width="5"
                  defaultValue={defaults.targets?.[a.name]?.sessions}
                />
              </div>
              <div className="govuk-grid-column-one-half">
                <TextInput
                  name={`people_${a.name}`}
                  label="People reached"
                  inputMode="numeric"
                  width="10"
                  defaultValue={defaults.targets?.[a.name]?.people}
                />
              </div>
            </div>
          </fieldset>
        ))}
        <Button>{submit}</Button>
      </Form>
    </>
  );
}

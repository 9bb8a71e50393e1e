import {
  Button,
  Checkboxes,
  ErrorSummary,
  Form,
  TextInput,
  Textarea,
  type Reply,
} from "~/components/form";
import { DateInput } from "~/components/date-input";
import { ClashReport, type ProblemReport } from "./components";

// The form for confirming a request or moving a session: date, start time, length, venue, room,
// trainers; with the clash report above it, and a reason box when there are warnings to override.
export interface TrainerOption {
  value: string;
  label: string;
  hint?: string;
}

export function ScheduleForm({
  reply,
  report,
  trainers,
  defaults,
  submit,
  children,
  beforeTrainers,
}: {
  reply: Reply | undefined | null;
  report: ProblemReport | null | undefined;
  trainers: TrainerOption[];
  defaults: {
    date?: string;
    time?: string;
    durationMinutes?: number;
    venue?: string;
    room?: string;
    trainerIds?: string[];
  };
  submit: string;
  children?: React.ReactNode;
  /** Shown just above the trainers, for "Check who is free" (issue 17, item 4). */
  beforeTrainers?: React.ReactNode;
}) {
  const showOverride = !!report && report.warnings.length > 0 && report.refusals.length === 0;
  return (
    <>
      <ClashReport report={report} />
      <ErrorSummary reply={reply} />
      <Form reply={reply}>
        {children}
        <DateInput name="date" label="Date" defaultValue={defaults.date} />
        <TextInput
          name="time"
          label="Start time"
          type="time"
          width="5"
          hint="24-hour clock, London time, for example 09:30"
          defaultValue={defaults.time}
        />
        <TextInput
          name="durationMinutes"
          label="Length in minutes"
          inputMode="numeric"
          width="3"
          defaultValue={defaults.durationMinutes}
        />
        <TextInput name="venue" label="Venue" defaultValue={defaults.venue} />
        <TextInput name="room" label="Room (optional)" width="20" defaultValue={defaults.room} />
        {beforeTrainers}
        <Checkboxes
          name="trainerIds"
          label="Trainers"
          hint="Choose one or more."
          options={trainers}
          defaultValue={defaults.trainerIds}
        />
        {showOverride ? <input type="hidden" name="overrideAsked" value="yes" /> : null}
        {showOverride ? (
          <Textarea
            name="overrideReason"
            label="Reason for booking despite the warnings"
            hint="For example: the school has an INSET day swap, or the session is an after-school club. This is recorded with the booking."
            rows={3}
          />
        ) : null}
        <Button>{showOverride ? "Book despite the warnings" : submit}</Button>
      </Form>
    </>
  );
}

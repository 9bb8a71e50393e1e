import { audienceLabel } from "~/sessions/audiences";
import { fieldId, Radios, TextInput, Textarea, type Reply } from "~/components/form";
import { OPTION_SLOTS } from "./schemas";

// Fields of the authoring forms, shared by the "new" and "change" pages.

export function DetailsFields({
  values,
}: {
  values?: {
    title: string;
    summary: string;
    audience: string;
    estimatedMinutes: number;
    passMark: number;
    contentNote: string | null;
  };
}) {
  return (
    <>
      <TextInput name="title" label="Title" defaultValue={values?.title} />
      <Textarea
        name="summary"
        label="Summary"
        hint="One or two sentences shown in the catalogue."
        defaultValue={values?.summary}
        rows={3}
      />
      <TextInput
        name="audience"
        label="Who it is for"
        hint={`For example, ${audienceLabel("vcse_staff")}`}
        defaultValue={values?.audience ?? audienceLabel("vcse_staff")}
      />
      <TextInput
        name="estimatedMinutes"
        label="Time needed, in minutes"
        width="3"
        inputMode="numeric"
        defaultValue={values?.estimatedMinutes}
      />
      <TextInput
        name="passMark"
        label="Quiz pass mark, as a percentage"
        hint="For example, 80"
        width="3"
        inputMode="numeric"
        defaultValue={values?.passMark ?? 80}
      />
      <Textarea
        name="contentNote"
        label="Content note (optional)"
        hint="Shown before the module opens, so people can choose when to read about hard things. For example: This module describes violence and exploitation of children."
        defaultValue={values?.contentNote ?? ""}
        rows={2}
      />
    </>
  );
}

export function LessonFields({
  values,
}: {
  values?: { title: string; contentNote: string | null; bodyMarkdown: string };
}) {
  return (
    <>
      <TextInput name="title" label="Lesson title" defaultValue={values?.title} />
      <Textarea
        name="contentNote"
        label="Content note (optional)"
        hint="Shown before the lesson opens."
        defaultValue={values?.contentNote ?? ""}
        rows={2}
      />
      <Textarea
        name="bodyMarkdown"
        label="Lesson text"
        hint={
          <>
            Written in Markdown: <code>## Heading</code>, <code>- list item</code>,{" "}
            <code>**bold**</code>, <code>[link text](https://…)</code>,{" "}
            <code>![description](/learning/images/…)</code> for an uploaded image. HTML is shown as
            text, not run.{" "}
            <a
              className="govuk-link"
              href="/author/images"
              target="_blank"
              rel="noopener noreferrer"
            >
              Upload an image (opens in new tab)
            </a>
          </>
        }
        defaultValue={values?.bodyMarkdown}
        rows={18}
      />
    </>
  );
}

export function QuestionFields({
  values,
  reply,
}: {
  values?: {
    prompt: string;
    kind: "single" | "multiple";
    options: { text: string; is_correct: number; feedback: string }[];
  };
  /** The last reply, for the "correct" checkboxes (spread across the answers, so not a Checkboxes group). */
  reply?: Reply | null;
}) {
  const error = reply?.error?.correct?.[0];
  const raw = reply?.initialValue
    ? (reply.initialValue as Record<string, unknown>).correct
    : undefined;
  const submitted = reply?.initialValue
    ? Array.isArray(raw)
      ? raw.map(String)
      : raw !== undefined
        ? [String(raw)]
        : []
    : undefined;
  return (
    <>
      <Textarea name="prompt" label="Question" defaultValue={values?.prompt} rows={2} />
      <Radios
        name="kind"
        label="How learners answer"
        defaultValue={values?.kind ?? "single"}
        options={[
          { value: "single", label: "Choose one answer" },
          { value: "multiple", label: "Choose all the answers that apply" },
        ]}
      />
      <p className="govuk-body">
        Give at least two answers, with feedback for each, and mark which are correct.
      </p>
      {error ? (
        <p className="govuk-error-message" id="f-correct-error">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {OPTION_SLOTS.map((n) => (
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={n}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            Answer {n}
            {n > 2 ? " (optional)" : ""}
          </legend>
          <TextInput
            name={`option${n}`}
            label={`Text of answer ${n}`}
            defaultValue={values?.options[n - 1]?.text ?? ""}
          />
          <Textarea
            name={`feedback${n}`}
            label={`Feedback when a learner chooses answer ${n}`}
            defaultValue={values?.options[n - 1]?.feedback ?? ""}
            rows={2}
          />
          <CorrectBox
            n={n}
            checked={
              submitted ? submitted.includes(String(n)) : !!values?.options[n - 1]?.is_correct
            }
          />
        </fieldset>
      ))}
    </>
  );
}

/** "Answer n is correct": one checkbox per answer, all named "correct" (ids match the error summary's link). */
function CorrectBox({ n, checked }: { n: number; checked: boolean }) {
  const id = n === 1 ? fieldId("correct") : `${fieldId("correct")}-${n - 1}`;
  return (
    <div className="govuk-checkboxes govuk-checkboxes--small">
      <div className="govuk-checkboxes__item">
        <input
          className="govuk-checkboxes__input"
          id={id}
          name="correct"
          type="checkbox"
          value={String(n)}
          defaultChecked={checked}
        />
        <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
          Answer {n} is correct
        </label>
      </div>
    </div>
  );
}

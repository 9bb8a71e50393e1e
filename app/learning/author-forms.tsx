import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { audienceLabel } from "~/sessions/audiences";
import { Button, fieldId, Radios, TextInput, Textarea, type Reply } from "~/components/form";
import { applyFormat, type Format } from "./markdown-toolbar";
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

const BODY_HINT = (
  <>
    Written in Markdown: <code>## Heading</code>, <code>- list item</code>, <code>**bold**</code>,{" "}
    <code>[link text](https://…)</code>, <code>![description](/learning/images/…)</code> for an
    uploaded image. HTML is shown as text, not run.{" "}
    <a className="govuk-link" href="/author/images" target="_blank" rel="noopener noreferrer">
      Upload an image (opens in new tab)
    </a>
  </>
);

export function LessonFields({
  values,
  preview,
}: {
  values?: { title: string; contentNote: string | null; bodyMarkdown: string };
  /** The lesson text as learners will see it: the editor then shows it beside the text. */
  preview?: string;
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
      {preview === undefined ? (
        <Textarea
          name="bodyMarkdown"
          label="Lesson text"
          hint={BODY_HINT}
          defaultValue={values?.bodyMarkdown}
          rows={18}
        />
      ) : (
        <LessonBodyEditor defaultValue={values?.bodyMarkdown} preview={preview} />
      )}
    </>
  );
}

const FORMAT_BUTTONS: { format: Format; label: string }[] = [
  { format: "heading", label: "Heading" },
  { format: "bold", label: "Bold" },
  { format: "list", label: "List" },
  { format: "link", label: "Link" },
];

/**
 * The lesson text with its preview beside it (issue 17, item 11). Without JavaScript it is a
 * textarea and a "Preview" button that shows the text rendered, unsaved. With JavaScript,
 * formatting buttons put Markdown around the selection, and the preview follows the typing. The
 * preview always comes from the server's renderer, the one that makes what learners see.
 */
function LessonBodyEditor({
  defaultValue,
  preview,
}: {
  defaultValue?: string;
  preview: string;
}): ReactNode {
  const id = fieldId("bodyMarkdown");
  const [enhanced, setEnhanced] = useState(false);
  const fetcher = useFetcher<{ preview?: string }>();
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  useEffect(() => {
    setEnhanced(true);
    const textarea = document.getElementById(id) as HTMLTextAreaElement | null;
    if (!textarea) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          submit.current({ intent: "preview", bodyMarkdown: textarea.value }, { method: "post" }),
        400,
      );
    };
    textarea.addEventListener("input", onInput);
    return () => {
      clearTimeout(timer);
      textarea.removeEventListener("input", onInput);
    };
  }, [id]);
  const format = (f: Format) => {
    const textarea = document.getElementById(id) as HTMLTextAreaElement | null;
    if (!textarea) return;
    const edit = applyFormat(f, {
      text: textarea.value,
      selectionStart: textarea.selectionStart,
      selectionEnd: textarea.selectionEnd,
    });
    textarea.value = edit.text;
    textarea.focus();
    textarea.setSelectionRange(edit.selectionStart, edit.selectionEnd);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const html = fetcher.data?.preview ?? preview;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-one-half">
        {enhanced ? (
          <div className="lantern-format-buttons" role="group" aria-label="Format the lesson text">
            {FORMAT_BUTTONS.map((b) => (
              <button
                key={b.format}
                type="button"
                className="govuk-button govuk-button--secondary"
                aria-controls={id}
                onClick={() => format(b.format)}
              >
                {b.label}
              </button>
            ))}
          </div>
        ) : null}
        <Textarea
          name="bodyMarkdown"
          label="Lesson text"
          hint={BODY_HINT}
          defaultValue={defaultValue}
          rows={18}
        />
        <Button secondary name="intent" value="preview">
          Preview
        </Button>
      </div>
      <div className="govuk-grid-column-one-half">
        <section className="lantern-lesson-preview" aria-labelledby="lesson-preview-heading">
          <h2 className="govuk-heading-m" id="lesson-preview-heading">
            Preview
          </h2>
          <p className="govuk-body-s">
            As learners will see it{enhanced ? "; it follows your typing" : ""}. Not saved until you
            save the lesson.
          </p>
          {html ? (
            <div
              className="lantern-prose"
              data-preview="lesson"
              dangerouslySetInnerHTML={{ __html: html }}
            />
          ) : (
            <p className="govuk-body">Nothing to preview yet.</p>
          )}
        </section>
      </div>
    </div>
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

import type { ReactNode } from "react";
import { fieldError, fieldId, useFormState } from "~/components/form";
import {
  DATE_PARTS,
  dateToParts,
  parseDateParts,
  type DatePart,
  type DateParts,
} from "~/utils/date-input";

// The GOV.UK Design System's date input: a fieldset whose legend is the question, the hint
// "For example, 27 3 2027", and day, month and year fields with a numeric keypad. On an error the
// message names the field and only the parts in error are highlighted (all three when the date as
// a whole is wrong); what was typed stays. The server reads it with app/utils/date-schema.ts.

const LABELS: Record<DatePart, string> = { day: "Day", month: "Month", year: "Year" };

export function DateInput({
  name,
  label,
  hint = "For example, 27 3 2027",
  defaultValue,
  pageHeading,
  error: ownError,
  typed: ownTyped,
  id: ownId,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** YYYY-MM-DD */
  defaultValue?: string | null;
  pageHeading?: boolean;
  /** For a form outside <Form> (a GET filter): its message and what was typed, from the loader. */
  error?: string;
  typed?: DateParts;
  /** Only for a second form on the page with the same field (its own ids, so labels find it). */
  id?: string;
}) {
  const state = useFormState();
  const error = ownError ?? fieldError(state, name);
  const id = ownId ?? fieldId(name);
  const typed = ownTyped ?? (state.values[name] as DateParts | undefined);
  const values: DateParts =
    typed && typeof typed === "object" ? typed : (dateToParts(defaultValue) ?? {});
  // The same rules as the server, on what was typed, say which parts to highlight; a date that
  // is real but refused for another reason ("must be in the future") highlights all three.
  let inError: DatePart[] = [];
  if (error) {
    const r = parseDateParts(values);
    inError = !r.ok ? r.parts : [...DATE_PARTS];
  }
  // The error summary links to the first field in error (the day when none is singled out).
  const first = inError[0] ?? "day";
  const inputId = (p: DatePart) => (p === first ? id : `${id}-${p}`);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset
        className="govuk-fieldset"
        role="group"
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ")}
      >
        <legend
          className={`govuk-fieldset__legend ${pageHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--s"}`}
        >
          {pageHeading ? <h1 className="govuk-fieldset__heading">{label}</h1> : label}
        </legend>
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-date-input">
          {DATE_PARTS.map((p) => (
            <div className="govuk-date-input__item" key={p}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={inputId(p)}>
                  {LABELS[p]}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${p === "year" ? "4" : "2"}${inError.includes(p) ? " govuk-input--error" : ""}`}
                  id={inputId(p)}
                  name={`${name}-${p}`}
                  type="text"
                  inputMode="numeric"
                  defaultValue={values[p] ?? ""}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

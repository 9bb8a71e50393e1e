import {
  Form as RemixForm,
  UNSAFE_RemixContext,
  useFormAction,
  useMatches,
  type FormProps,
} from "@remix-run/react";
import { createContext, useContext, useEffect, useRef, type ReactNode } from "react";

// GOV.UK Design System form patterns: labels above fields, hints, an error summary at the top
// linked to each field, an inline message at each field. Everything posts and redirects, so
// it all works with JavaScript off.

export interface Reply {
  status?: "success" | "error";
  initialValue?: Record<string, unknown> | null;
  error?: Record<string, string[] | null | undefined> | null;
}

interface FormState {
  errors: Record<string, string[] | null | undefined>;
  values: Record<string, unknown>;
}

const FormStateContext = createContext<FormState>({ errors: {}, values: {} });

export function useFormState() {
  return useContext(FormStateContext);
}

export function fieldError(state: FormState, name: string): string | undefined {
  return state.errors[name]?.[0] ?? undefined;
}

/** The first error of each field, in form order, for the summary. Key "" is a form-level error. */
export function errorList(reply: Reply | undefined | null): { name: string; message: string }[] {
  if (!reply?.error) return [];
  return Object.entries(reply.error)
    .filter(([, messages]) => messages && messages.length)
    .map(([name, messages]) => ({ name, message: messages![0] }));
}

/**
 * The error summary at the top of the page, each message linked to its field. A form's reply
 * gives the errors; a page that checks its own input (a filter read from the query string) passes
 * them as `errors`, with its own title and field ids if its fields are not named by `fieldId`.
 */
export function ErrorSummary({
  reply,
  errors: given,
  title = "There is a problem",
  idOf = fieldId,
}: {
  reply?: Reply | undefined | null;
  errors?: { name: string; message: string }[];
  title?: string;
  idOf?: (name: string) => string;
}) {
  const errors = given ?? errorList(reply);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [reply, errors.length]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={e.name || "form"}>
                {e.name ? <a href={`#${idOf(e.name)}`}>{e.message}</a> : e.message}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** A form that posts (method="post" by default) and gives its fields the last reply's errors and values. */
export function Form({
  reply,
  children,
  method = "post",
  ...props
}: FormProps & { reply?: Reply | null; children: ReactNode }) {
  const state: FormState = {
    errors: reply?.error ?? {},
    values: (reply?.initialValue as Record<string, unknown>) ?? {},
  };
  const ownAction = useOwnAction();
  return (
    <FormStateContext.Provider value={state}>
      <RemixForm method={method} action={ownAction} noValidate {...props}>
        {children}
      </RemixForm>
    </FormStateContext.Provider>
  );
}

/** The URL without the `index` parameter Remix adds to an index route's form action. */
export function withoutIndexQuery(action: string): string {
  const [path, query = ""] = action.split("?", 2);
  const params = new URLSearchParams(query);
  params.delete("index");
  const rest = params.toString();
  return rest ? `${path}?${rest}` : path;
}

/**
 * The page's own URL as a form's action. Remix adds `?index` to the action of a form on an index
 * route, and the address bar keeps it after a form error (`/admin/people/3?index`). Posting to
 * the bare path reaches the same route whenever no layout route shares that path, as the router
 * sends a post to the deepest route that has a path of its own; where a layout does share it,
 * `?index` stays, as it is needed.
 */
function useOwnAction(): string {
  const action = useFormAction();
  const remix = useContext(UNSAFE_RemixContext);
  const matches = useMatches();
  const leaf = matches[matches.length - 1];
  const route = leaf && remix?.manifest.routes[leaf.id];
  if (route?.index && route.path) return withoutIndexQuery(action);
  return action;
}

export function fieldId(name: string) {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

function stringValue(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length ? String(v[0]) : undefined;
  return String(v);
}

function describedBy(...ids: (string | false | undefined)[]) {
  const s = ids.filter(Boolean).join(" ");
  return s || undefined;
}

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  defaultValue?: string | number | null;
  /** Render the label as the page heading (one-question pages). */
  pageHeading?: boolean;
  className?: string;
}

function Label({
  id,
  label,
  pageHeading,
}: {
  id: string;
  label: ReactNode;
  pageHeading?: boolean;
}) {
  if (pageHeading) {
    return (
      <h1 className="govuk-label-wrapper">
        <label className="govuk-label govuk-label--l" htmlFor={id}>
          {label}
        </label>
      </h1>
    );
  }
  return (
    <label className="govuk-label govuk-label--s" htmlFor={id}>
      {label}
    </label>
  );
}

export function TextInput({
  name,
  label,
  hint,
  defaultValue,
  pageHeading,
  type = "text",
  autoComplete,
  width,
  inputMode,
  spellCheck,
  className,
  id: ownId,
}: FieldProps & {
  // No "date": dates are entered the GOV.UK way, with DateInput (issue 17, item 14).
  type?: "text" | "email" | "password" | "number" | "time" | "tel" | "url" | "search";
  autoComplete?: string;
  width?: "2" | "3" | "4" | "5" | "10" | "20" | "30";
  inputMode?: "numeric" | "text" | "email" | "decimal";
  spellCheck?: boolean;
  /** Only for a second form on the page with the same field (its own ids, so labels find it). */
  id?: string;
}) {
  const state = useFormState();
  const error = fieldError(state, name);
  const id = ownId ?? fieldId(name);
  const value =
    type === "password"
      ? undefined
      : (stringValue(state.values[name]) ?? defaultValue ?? undefined);
  return (
    <div
      className={`govuk-form-group${error ? " govuk-form-group--error" : ""}${className ? ` ${className}` : ""}`}
    >
      <Label id={id} label={label} pageHeading={pageHeading} />
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input
        className={`govuk-input${width ? ` govuk-input--width-${width}` : ""}${error ? " govuk-input--error" : ""}`}
        id={id}
        name={name}
        type={type}
        defaultValue={value ?? undefined}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={spellCheck}
        aria-describedby={describedBy(
          hint ? `${id}-hint` : undefined,
          error ? `${id}-error` : undefined,
        )}
      />
    </div>
  );
}

export function Textarea({
  name,
  label,
  hint,
  defaultValue,
  rows = 5,
}: FieldProps & { rows?: number }) {
  const state = useFormState();
  const error = fieldError(state, name);
  const id = fieldId(name);
  const value = stringValue(state.values[name]) ?? defaultValue ?? undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} />
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={id}
        name={name}
        rows={rows}
        defaultValue={value ?? undefined}
        aria-describedby={describedBy(
          hint ? `${id}-hint` : undefined,
          error ? `${id}-error` : undefined,
        )}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export function Select({
  name,
  label,
  hint,
  defaultValue,
  options,
  placeholder,
}: FieldProps & { options: Option[]; placeholder?: string }) {
  const state = useFormState();
  const error = fieldError(state, name);
  const id = fieldId(name);
  const value =
    stringValue(state.values[name]) ?? (defaultValue != null ? String(defaultValue) : "");
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} />
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <select
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={id}
        name={name}
        defaultValue={value}
        aria-describedby={describedBy(
          hint ? `${id}-hint` : undefined,
          error ? `${id}-error` : undefined,
        )}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Fieldset({
  legend,
  hint,
  error,
  id,
  children,
  pageHeading,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  id: string;
  children: ReactNode;
  pageHeading?: boolean;
}) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset
        className="govuk-fieldset"
        aria-describedby={describedBy(
          hint ? `${id}-hint` : undefined,
          error ? `${id}-error` : undefined,
        )}
      >
        <legend
          className={`govuk-fieldset__legend ${pageHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--s"}`}
        >
          {pageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        {children}
      </fieldset>
    </div>
  );
}

export function Radios({
  name,
  label,
  hint,
  defaultValue,
  options,
  inline,
  pageHeading,
}: FieldProps & { options: Option[]; inline?: boolean }) {
  const state = useFormState();
  const error = fieldError(state, name);
  const id = fieldId(name);
  const value =
    stringValue(state.values[name]) ?? (defaultValue != null ? String(defaultValue) : undefined);
  return (
    <Fieldset legend={label} hint={hint} error={error} id={id} pageHeading={pageHeading}>
      <div className={`govuk-radios${inline ? " govuk-radios--inline" : ""}`}>
        {options.map((o, i) => {
          const optId = i === 0 ? id : `${id}-${i}`;
          return (
            <div className="govuk-radios__item" key={o.value}>
              <input
                className="govuk-radios__input"
                id={optId}
                name={name}
                type="radio"
                value={o.value}
                defaultChecked={value === o.value}
                aria-describedby={o.hint ? `${optId}-hint` : undefined}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={optId}>
                {o.label}
              </label>
              {o.hint ? (
                <div id={`${optId}-hint`} className="govuk-hint govuk-radios__hint">
                  {o.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function Checkboxes({
  name,
  label,
  hint,
  defaultValue,
  options,
}: Omit<FieldProps, "defaultValue"> & { options: Option[]; defaultValue?: string[] }) {
  const state = useFormState();
  const error = fieldError(state, name);
  const id = fieldId(name);
  const raw = state.values[name];
  const values =
    raw === undefined ? (defaultValue ?? []) : Array.isArray(raw) ? raw.map(String) : [String(raw)];
  return (
    <Fieldset legend={label} hint={hint} error={error} id={id}>
      <div className="govuk-checkboxes govuk-checkboxes--small">
        {options.map((o, i) => {
          const optId = i === 0 ? id : `${id}-${i}`;
          return (
            <div className="govuk-checkboxes__item" key={o.value}>
              <input
                className="govuk-checkboxes__input"
                id={optId}
                name={name}
                type="checkbox"
                value={o.value}
                defaultChecked={values.includes(o.value)}
                aria-describedby={o.hint ? `${optId}-hint` : undefined}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={optId}>
                {o.label}
              </label>
              {o.hint ? (
                <div id={`${optId}-hint`} className="govuk-hint govuk-checkboxes__hint">
                  {o.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function Button({
  children,
  secondary,
  warning,
  name,
  value,
}: {
  children: ReactNode;
  secondary?: boolean;
  warning?: boolean;
  name?: string;
  value?: string;
}) {
  return (
    <button
      type="submit"
      className={`govuk-button${secondary ? " govuk-button--secondary" : ""}${warning ? " govuk-button--warning" : ""}`}
      data-module="govuk-button"
      name={name}
      value={value}
    >
      {children}
    </button>
  );
}

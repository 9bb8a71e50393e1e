import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, fieldId, Form, type Reply } from "~/components/form";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { answersSchema, fieldName } from "~/feedback/feedback-schemas";
import {
  feedbackForm,
  feedbackStep,
  isRespondentCode,
  itemsForStage,
  newRespondentCode,
  respondentProgress,
  submitAnswers,
} from "~/feedback/responses.server";
import { Face } from "~/feedback/face";
import { scaleFor } from "~/feedback/scales";
import { formatDate, formatDateTime } from "~/utils/dates";
import { cookiesAreSecure } from "~/utils/env.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

// The public, anonymous feedback page behind a session's link or QR code. The device's random
// code lives in a cookie (and rides in a hidden field), pairing the answers given before the
// session with those given after it. No sign-in, no names.
//
// The cookie is named after the link and scoped to `/feedback`, not to `/feedback/<token>`: with
// JavaScript on, Remix loads and posts through `/feedback/<token>.data`, which a cookie whose path
// is `/feedback/<token>` does not cover (a cookie path matches only whole path segments), so the
// page forgot the device after its first answers (issue 12, item 1).
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Feedback: ${data.title}` : "Feedback");

/** Before issue 12: one name, path `/feedback/<token>`. Still read, so answers given then pair. */
const LEGACY_COOKIE = "lantern_fb";

function cookieName(token: string) {
  return `lantern_fb_${token}`;
}

function readCode(request: Request, token: string): string | null {
  const header = request.headers.get("cookie") ?? "";
  let legacy: string | null = null;
  for (const part of header.split(";")) {
    const [k, v] = part.trim().split("=");
    if (k === cookieName(token) && isRespondentCode(v)) return v;
    if (k === LEGACY_COOKIE && isRespondentCode(v)) legacy = v;
  }
  return legacy;
}

function codeCookie(token: string, code: string) {
  const attrs = [
    `${cookieName(token)}=${code}`,
    "Path=/feedback",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${60 * 24 * 3600}`,
  ];
  if (cookiesAreSecure()) attrs.push("Secure");
  return attrs.join("; ");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token!;
  const form = await feedbackForm(getDb(), token);
  if (!form)
    throw new Response(
      "This feedback link does not work. Check it with the person running your session.",
      { status: 404 },
    );
  const existing = readCode(request, token);
  const code = existing ?? newRespondentCode();
  const progress = await respondentProgress(getDb(), form.session.id, existing);
  const wantsAfter = new URL(request.url).searchParams.get("step") === "after";
  const step = feedbackStep(form, progress, wantsAfter);
  const items =
    step === "before" || step === "after" ? itemsForStage(form.questionnaire.items, step) : [];
  return data(
    {
      title: form.session.title,
      date: form.session.starts_at,
      closesAt: form.session.feedback_closes_at,
      style: form.questionnaire.style,
      step,
      paired: progress.before,
      code,
      items: items.map((i) => ({ id: i.id, kind: i.kind, text: i.text })),
    },
    { headers: existing ? {} : { "Set-Cookie": codeCookie(token, code) } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token!;
  const db = getDb();
  const form = await feedbackForm(db, token);
  if (!form) throw new Response("This feedback link does not work.", { status: 404 });
  const body = await readForm(request);
  const stage = body.get("stage") === "after" ? "after" : "before";
  const submission = parseForm(body, answersSchema(itemsForStage(form.questionnaire.items, stage)));
  if (submission.status !== "success") return invalidForm(submission.reply());
  const fromCookie = readCode(request, token);
  const posted = submission.value.code;
  const code = fromCookie ?? (isRespondentCode(posted) ? posted : newRespondentCode());
  const scores: Record<string, number> = {};
  const texts: Record<string, string> = {};
  for (const item of form.questionnaire.items) {
    const v = (submission.value as Record<string, string | undefined>)[fieldName(item.id)];
    if (v === undefined) continue;
    if (item.kind === "free_text") texts[item.id] = v;
    else scores[item.id] = Number(v);
  }
  const result = await submitAnswers(db, {
    form,
    code,
    stage,
    scores,
    texts,
    ip: clientIp(request),
  });
  const headers = { "Set-Cookie": codeCookie(token, code) };
  if (!result.ok && result.reason === "closed")
    return formError(submission, "", "Feedback for this session has closed.", 410);
  if (!result.ok && result.reason === "too_many") {
    return formError(
      submission,
      "",
      "We have had too many answers from this network for this session. Please ask the person running the session for a paper form.",
      429,
    );
  }
  if (!result.ok && result.reason === "more_than_people") {
    return formError(
      submission,
      "",
      "We have had more answers than people at this session. Please ask the person running the session for a paper form.",
      429,
    );
  }
  // Saved, or saved before (a second press): either way the next step is on the page.
  throw redirect(`/feedback/${token}`, { headers });
}

function ScaleQuestion({
  item,
  style,
  reply,
}: {
  item: { id: string; kind: string; text: string };
  style: "standard" | "pupil";
  reply: Reply | undefined;
}) {
  const name = fieldName(item.id);
  const id = fieldId(name);
  const error = reply?.error?.[name]?.[0];
  const chosen = reply?.initialValue?.[name];
  const options = scaleFor(style, item.kind as "before_after");
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{item.text}</legend>
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div
          className={`govuk-radios govuk-radios--small${style === "pupil" ? " lantern-picture-scale" : ""}`}
        >
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
                  defaultChecked={chosen === o.value}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={optId}>
                  {o.face ? <Face score={o.value} /> : null}
                  {o.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export default function FeedbackPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const pupil = d.style === "pupil";
  if (d.step === "closed") {
    return (
      <>
        <span className="govuk-caption-m">{d.title}</span>
        <h1 className="govuk-heading-l">Feedback for this session has closed</h1>
        <p className="govuk-body">
          {d.closesAt ? `The feedback link closed on ${formatDateTime(d.closesAt)}.` : null} Thank
          you for wanting to tell us what you think.
        </p>
      </>
    );
  }
  if (d.step === "done") {
    return (
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">Thank you</h1>
        <div className="govuk-panel__body">
          {pupil
            ? "Your answers have been sent."
            : "Your feedback has been sent. It helps us improve the sessions."}
        </div>
      </div>
    );
  }
  const before = d.step === "before";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <span className="govuk-caption-m">
          {d.title}, {formatDate(d.date)}
        </span>
        <h1 className="govuk-heading-l">
          {before
            ? pupil
              ? "Before we start"
              : "Before the session"
            : pupil
              ? "Now we have finished"
              : "After the session"}
        </h1>
        {before ? (
          <p className="govuk-body">
            {pupil
              ? "Tell us what you think now. Do not write your name. At the end, open this page again on the same phone and answer again."
              : "Your answers are anonymous: we do not ask your name. Answer now, then again at the end of the session on this same device, so we can see what changed."}
          </p>
        ) : d.paired ? (
          <p className="govuk-body">
            {pupil
              ? "Thanks for answering at the start. Now answer again."
              : "Thank you for answering at the start. Now the session has finished, please answer again."}
          </p>
        ) : (
          <InsetText>
            {pupil
              ? "Answer how you feel now the session has finished."
              : "Answer how you feel now the session has finished. Your answers are anonymous."}
          </InsetText>
        )}
        <Form reply={reply}>
          <input type="hidden" name="stage" value={d.step} />
          <input type="hidden" name="code" value={d.code} />
          {d.items.map((item) =>
            item.kind === "free_text" ? (
              <div className="govuk-form-group" key={item.id}>
                <label className="govuk-label govuk-label--s" htmlFor={fieldId(fieldName(item.id))}>
                  {item.text} (optional)
                </label>
                <div id={`${fieldId(fieldName(item.id))}-hint`} className="govuk-hint">
                  Please do not write your name or anyone else&apos;s.
                </div>
                <textarea
                  className="govuk-textarea"
                  id={fieldId(fieldName(item.id))}
                  name={fieldName(item.id)}
                  rows={3}
                  aria-describedby={`${fieldId(fieldName(item.id))}-hint`}
                  defaultValue={
                    (reply?.initialValue?.[fieldName(item.id)] as string | undefined) ?? ""
                  }
                />
              </div>
            ) : (
              <ScaleQuestion key={item.id} item={item} style={d.style} reply={reply} />
            ),
          )}
          <Button>{before ? "Send my answers" : "Send my answers"}</Button>
        </Form>
        {before ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="?step=after">
              The session has already finished and I did not answer at the start
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

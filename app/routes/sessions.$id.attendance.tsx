import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import {
  Button,
  Checkboxes,
  ErrorSummary,
  Form,
  Radios,
  TextInput,
  type Reply,
} from "~/components/form";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink, timeRange } from "~/sessions/components";
import { earnsCertificates } from "~/sessions/certificates.server";
import {
  classesToLink,
  getSession,
  linkClasses,
  recordAttendance,
} from "~/sessions/delivery.server";
import { viewerOf } from "~/sessions/scope.server";
import { formatLongDate } from "~/utils/dates";
import { forbidden, notFound } from "~/utils/errors.server";
import { readForm, unsafeFieldNames } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction = () => pageTitle("Record attendance");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "session:deliver:assigned",
    "session:view:any",
  ]);
  const found = await getSession(getDb(), viewerOf(auth), idParam(params.id));
  if (!found || found.access === "read") notFound("session");
  // "Mark everyone attended" only pre-fills the form; nothing is stored until the trainer saves,
  // so an absentee is never recorded (or certificated) as attended without a person choosing it.
  const everyone = new URL(request.url).searchParams.get("everyone") === "attended";
  // A pupil session with no classes has nobody to count: the page offers the school's classes instead.
  const linkable = await classesToLink(getDb(), found.session, found.classes.length);
  // Blank rows for walk-ins to be written in by name; more on asking, as a link (no JavaScript).
  const walkInRows =
    new URL(request.url).searchParams.get("walkInRows") === "more"
      ? MORE_WALK_IN_ROWS
      : WALK_IN_ROWS;
  return {
    ...found,
    everyone,
    linkable,
    walkInRows,
    certificates: earnsCertificates(found.session.audience),
  };
}

const WALK_IN_ROWS = 5;
const MORE_WALK_IN_ROWS = 20;
const WALK_IN_FIELD = /^walkIn(Name|Email|Organisation)-([1-9]|1[0-9]|20)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function reply(form: FormData, field: string, message: string): Reply {
  const initialValue: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string") initialValue[k] = v;
  return { status: "error", error: { [field]: [message] }, initialValue };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireAnyPermission(request, [
    "session:deliver:assigned",
    "session:view:any",
  ]);
  const form = await readForm(request);
  if (form.get("intent") === "add-classes") {
    const keys = [...form.keys()];
    if (
      unsafeFieldNames(form).length ||
      keys.some((k) => k !== "intent" && k !== "classIds") ||
      keys.filter((k) => k === "intent").length !== 1
    ) {
      throw new Response("The form had fields Lantern does not accept. Go back and try again.", {
        status: 400,
      });
    }
    const classIds = form
      .getAll("classIds")
      .filter((v): v is string => typeof v === "string" && v.length <= 64);
    const linked = await linkClasses(getDb(), viewerOf(auth), idParam(params.id), classIds);
    if (linked === "not_found") notFound("session");
    if (linked === "forbidden") forbidden();
    if (!linked.ok) return data(reply(form, linked.field, linked.message), { status: 400 });
    throw redirect(`/sessions/${params.id}/attendance`);
  }
  // Only this form's fields (one per class and booking, and walk-ins), each once: anything else is refused.
  const keys = [...form.keys()];
  if (
    unsafeFieldNames(form).length ||
    new Set(keys).size !== keys.length ||
    keys.some(
      (k) =>
        k !== "walkIns" && !/^(class|reg)-[A-Za-z0-9-]{1,64}$/.test(k) && !WALK_IN_FIELD.test(k),
    )
  ) {
    throw new Response("The form had fields Lantern does not accept. Go back and try again.", {
      status: 400,
    });
  }
  const classCounts: Record<string, number> = {};
  const registrations: Record<string, "attended" | "no_show"> = {};
  let walkIns = 0;
  const named = new Map<string, { name: string; email: string; organisation: string }>();
  for (const [key, raw] of form) {
    const walkIn = WALK_IN_FIELD.exec(key);
    if (walkIn) {
      const row = named.get(walkIn[2]) ?? { name: "", email: "", organisation: "" };
      const value = typeof raw === "string" ? raw.trim().replace(/\s+/g, " ") : "";
      if (walkIn[1] === "Name") row.name = value;
      else if (walkIn[1] === "Email") row.email = value;
      else row.organisation = value;
      named.set(walkIn[2], row);
    }
  }
  const namedWalkIns: { name: string; email: string | null; organisation: string | null }[] = [];
  for (const [n, row] of [...named].sort((a, b) => Number(a[0]) - Number(b[0]))) {
    if (!row.name && !row.email && !row.organisation) continue;
    if (!row.name)
      return data(reply(form, `walkInName-${n}`, `Enter the name of walk-in ${n}`), {
        status: 400,
      });
    if (row.name.length > 120)
      return data(
        reply(form, `walkInName-${n}`, `Name of walk-in ${n} must be 120 characters or fewer`),
        { status: 400 },
      );
    if (row.email && (row.email.length > 254 || !EMAIL.test(row.email)))
      return data(
        reply(
          form,
          `walkInEmail-${n}`,
          `Enter walk-in ${n}’s email address in the right form, like name@example.org`,
        ),
        { status: 400 },
      );
    if (row.organisation.length > 200)
      return data(
        reply(
          form,
          `walkInOrganisation-${n}`,
          `Organisation of walk-in ${n} must be 200 characters or fewer`,
        ),
        { status: 400 },
      );
    namedWalkIns.push({
      name: row.name,
      email: row.email ? row.email.toLowerCase() : null,
      organisation: row.organisation || null,
    });
  }
  for (const [key, raw] of form) {
    const value = typeof raw === "string" ? raw.trim() : "";
    if (key.startsWith("class-")) {
      if (!/^\d{1,4}$/.test(value))
        return data(
          reply(form, key, "Enter the number of pupils who attended, as a whole number"),
          { status: 400 },
        );
      classCounts[key.slice(6)] = Number(value);
    } else if (key.startsWith("reg-")) {
      if (value !== "attended" && value !== "no_show")
        return data(reply(form, key, "Choose attended or did not come"), {
          status: 400,
        });
      registrations[key.slice(4)] = value;
    } else if (key === "walkIns") {
      if (value === "") walkIns = 0;
      else if (!/^\d{1,4}$/.test(value))
        return data(reply(form, key, "Enter the number of walk-ins as a whole number"), {
          status: 400,
        });
      else walkIns = Number(value);
    }
  }
  const result = await recordAttendance(
    getDb(),
    viewerOf(auth),
    idParam(params.id),
    { classCounts, registrations, walkIns, namedWalkIns },
    { baseUrl: publicUrl(request) },
  );
  if (result === "not_found") notFound("session");
  if (result === "forbidden") forbidden();
  if (!result.ok) return data(reply(form, result.field, result.message), { status: 400 });
  throw redirect(`/sessions/${params.id}?saved=1`);
}

export default function Attendance() {
  const {
    session: s,
    classes,
    registrations,
    everyone,
    linkable,
    walkInRows,
    certificates,
  } = useLoaderData<typeof loader>();
  const unmarked = registrations.filter((r) => !r.attendance).length;
  const result = useActionData<typeof action>();
  const pupils = s.audience === "pupils";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/sessions/${s.id}`}>Back to the run-sheet</BackLink>
        <ErrorSummary reply={result} />
        <span className="govuk-caption-l">
          {s.title}, {formatLongDate(s.starts_at).replace(",", "")},{" "}
          {timeRange(s.starts_at, s.ends_at)}
        </span>
        <h1 className="govuk-heading-l">Record attendance</h1>
        {pupils && classes.length === 0 ? (
          <>
            <InsetText>
              No classes are linked to this session yet, so there are no pupils to count. Pupils are
              counted by class, never named.
            </InsetText>
            {linkable.length ? (
              <Form reply={result}>
                <p className="govuk-body">
                  Choose the classes from {s.setting_name ?? "the school"} that came. They are added
                  to this session
                  {s.booking_request_id ? " and to the school’s booking" : ""}; then you can enter
                  how many pupils from each were there.
                </p>
                <Checkboxes
                  name="classIds"
                  label="Which classes came?"
                  options={linkable.map((c) => ({
                    value: c.id,
                    label: `${c.label} (${c.pupilCount} pupils)`,
                  }))}
                />
                <Button name="intent" value="add-classes">
                  Add these classes
                </Button>
              </Form>
            ) : (
              <p className="govuk-body">
                {s.setting_name ?? "The school"} has no classes in Lantern yet. Ask the school’s
                coordinator to add the classes that came on their Classes page, then come back here
                to record how many pupils from each were there.
              </p>
            )}
          </>
        ) : (
          <Form reply={result}>
            {pupils ? (
              <>
                <p className="govuk-body">
                  Enter how many pupils from each class were there. Pupils are counted, never named.
                </p>
                {classes.map((c) => (
                  <TextInput
                    key={c.id}
                    name={`class-${c.id}`}
                    label={`${c.label}: pupils who attended`}
                    hint={`${c.pupilCount} pupils in the class`}
                    inputMode="numeric"
                    width="3"
                    defaultValue={c.attended ?? undefined}
                  />
                ))}
              </>
            ) : (
              <>
                {unmarked > 1 && !everyone ? (
                  <p className="govuk-body">
                    <Link className="govuk-link" to="?everyone=attended">
                      Mark everyone not yet marked as attended
                    </Link>{" "}
                    — then change anyone who did not come before you save.
                  </p>
                ) : null}
                {everyone ? (
                  <InsetText>
                    Everyone not yet marked is shown as attended. Change anyone who did not come,
                    then save.
                  </InsetText>
                ) : null}
                {registrations.length ? (
                  registrations.map((r) => (
                    <Radios
                      key={`${r.id}-${everyone}`}
                      name={`reg-${r.id}`}
                      label={
                        r.anonymised_at
                          ? "A booker (details removed)"
                          : `${r.name}${r.organisation_name ? `, ${r.organisation_name}` : ""}${r.is_walk_in ? " (walk-in)" : ""}`
                      }
                      inline
                      defaultValue={r.attendance ?? (everyone ? "attended" : undefined)}
                      options={[
                        { value: "attended", label: "Attended" },
                        { value: "no_show", label: "Did not come" },
                      ]}
                    />
                  ))
                ) : (
                  <p className="govuk-body">Nobody booked a place in advance.</p>
                )}
                <h2 className="govuk-heading-m">Walk-ins</h2>
                <p className="govuk-body">
                  Write in people who came without booking.
                  {certificates
                    ? " Someone named here with an email address is sent a certificate, like everyone booked."
                    : ""}{" "}
                  Walk-ins you cannot name are only counted, in the box below.
                </p>
                {Array.from({ length: walkInRows }, (_, i) => i + 1).map((n) => (
                  <fieldset className="govuk-fieldset govuk-!-margin-bottom-4" key={n}>
                    <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                      Walk-in {n}
                    </legend>
                    <TextInput name={`walkInName-${n}`} label="Full name" autoComplete="off" />
                    <TextInput
                      name={`walkInEmail-${n}`}
                      label="Email address (optional)"
                      type="email"
                      autoComplete="off"
                      spellCheck={false}
                    />
                    <TextInput
                      name={`walkInOrganisation-${n}`}
                      label="Organisation (optional)"
                      autoComplete="off"
                    />
                  </fieldset>
                ))}
                {walkInRows < MORE_WALK_IN_ROWS ? (
                  <p className="govuk-body">
                    <Link className="govuk-link" to="?walkInRows=more">
                      More rows for walk-ins
                    </Link>{" "}
                    (before you type: the page reloads)
                  </p>
                ) : null}
                <TextInput
                  name="walkIns"
                  label="Walk-ins not named"
                  hint="How many other people came without booking"
                  inputMode="numeric"
                  width="3"
                  defaultValue={s.walk_ins}
                />
              </>
            )}
            <Button>Save attendance</Button>
          </Form>
        )}
      </div>
    </div>
  );
}

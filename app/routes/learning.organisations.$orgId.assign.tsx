import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAnyPermission } from "~/auth/guard.server";
import { Button, Checkboxes, ErrorSummary, Form, Select } from "~/components/form";
import { DateInput } from "~/components/date-input";
import { dateInput } from "~/utils/date-schema";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { assignFormData, assignModule } from "~/learning/assignments.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { publicUrl } from "~/utils/url.server";

// A manager asks staff to complete a module by a date.

export const meta: MetaFunction = () => pageTitle("Assign a module");

const AssignSchema = z
  .object({
    moduleId: z.string({ error: "Choose a module" }).min(1, "Choose a module"),
    userIds: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string()).min(1, "Choose at least one person"),
    ),
    dueOn: dateInput("the due date"),
  })
  .strict();

const PERMISSIONS = ["learning:oversee:own-organisation", "learning:oversee:any"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, [...PERMISSIONS]);
  return call(() => assignFormData(getDb(), auth, idParam(params.orgId)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireAnyPermission(request, [...PERMISSIONS]);
  const organisationId = idParam(params.orgId);
  const submission = parseForm(await readForm(request), AssignSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const outcome = await call(() =>
    assignModule(getDb(), auth, { organisationId, ...submission.value }, publicUrl(request)),
  );
  if (!outcome.ok) return formError(submission, outcome.field, outcome.message);
  throw redirect(`/learning/organisations/${organisationId}?assigned=${outcome.assigned}`);
}

export default function Assign() {
  const { organisation, staff, modules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a className="govuk-back-link" href={`/learning/organisations/${organisation.id}`}>
          Staff learning
        </a>
        <ErrorSummary reply={result ?? null} />
        <span className="govuk-caption-l">{organisation.name}</span>
        <h1 className="govuk-heading-l">Assign a module</h1>
        <p className="govuk-body">
          Each person is emailed now, and reminded once if the date passes before they finish.
        </p>
        <Form reply={result ?? null}>
          <Select
            name="moduleId"
            label="Module"
            placeholder="Choose a module"
            options={modules.map((m) => ({ value: m.id, label: m.title }))}
          />
          <Checkboxes
            name="userIds"
            label="Who"
            hint="Choose one or more of your staff."
            options={staff.map((s) => ({ value: s.id, label: s.name, hint: s.email }))}
          />
          <DateInput name="dueOn" label="Due by" />
          <Button>Assign the module</Button>
        </Form>
      </div>
    </div>
  );
}

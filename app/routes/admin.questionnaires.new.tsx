import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, Radios, Select, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { NewQuestionnaireSchema } from "~/feedback/questionnaire-schemas";
import { createQuestionnaire, listQuestionnaires } from "~/feedback/questionnaires.server";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => pageTitle("Create a questionnaire");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const all = await listQuestionnaires(getDb());
  return {
    sources: all.filter((q) => !q.archived_at).map((q) => ({ value: q.id, label: q.name })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const submission = parseForm(await readForm(request), NewQuestionnaireSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const id = await createQuestionnaire(getDb(), {
    name: submission.value.name,
    style: submission.value.style,
    copyFrom: submission.value.copyFrom || null,
  });
  throw redirect(`/admin/questionnaires/${id}`);
}

export default function NewQuestionnaire() {
  const { sources } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/admin/questionnaires">
          Back to questionnaires
        </Link>
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Create a questionnaire</h1>
        <Form reply={reply}>
          <TextInput name="name" label="Name" hint="For example, Parents' sessions 2027" />
          <Radios
            name="style"
            label="Who answers it?"
            options={[
              {
                value: "standard",
                label: "Adults",
                hint: "Agree or disagree, from strongly disagree to strongly agree",
              },
              {
                value: "pupil",
                label: "Pupils",
                hint: "Plain words and a picture scale, from “No, not at all” to “Yes, a lot”",
              },
            ]}
          />
          <Select
            name="copyFrom"
            label="Start from a copy of (optional)"
            placeholder="Start with no questions"
            options={sources}
          />
          <Button>Create questionnaire</Button>
        </Form>
      </div>
    </div>
  );
}

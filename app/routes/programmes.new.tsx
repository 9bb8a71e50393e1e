import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink } from "~/sessions/components";
import { ProgrammeForm } from "~/sessions/programme-form";
import {
  createProgramme,
  listDeliveryPartners,
  programmeReferenceError,
} from "~/sessions/programmes.server";
import { programmeInput } from "~/sessions/route-helpers.server";
import { ProgrammeSchema } from "~/sessions/schemas";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => pageTitle("Add a programme");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "programme:manage");
  return { partners: await listDeliveryPartners(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const submission = parseForm(await readForm(request), ProgrammeSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const input = programmeInput(submission.value);
  const bad = await programmeReferenceError(getDb(), input);
  if (bad) return formError(submission, bad.field, bad.message);
  const id = await createProgramme(getDb(), input);
  throw redirect(`/programmes/${id}`);
}

export default function NewProgramme() {
  const { partners } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/programmes">Programmes</BackLink>
        <h1 className="govuk-heading-l">Add a programme</h1>
        <ProgrammeForm reply={reply} partners={partners} defaults={{}} submit="Add the programme" />
      </div>
    </div>
  );
}

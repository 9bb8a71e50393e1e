import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink } from "~/sessions/components";
import { OfferingForm } from "~/sessions/offering-form";
import { createOffering, offeringReferenceError } from "~/sessions/offerings.server";
import { offeringFormData, offeringInput } from "~/sessions/route-helpers.server";
import { OfferingSchema } from "~/sessions/schemas";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => pageTitle("Add an offering");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "programme:manage");
  return offeringFormData(getDb());
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const submission = parseForm(await readForm(request), OfferingSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const input = offeringInput(submission.value);
  const bad = await offeringReferenceError(getDb(), input);
  if (bad) return formError(submission, bad.field, bad.message);
  await createOffering(getDb(), input);
  throw redirect("/offerings?saved=1");
}

export default function NewOffering() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/offerings">Offerings</BackLink>
        <h1 className="govuk-heading-l">Add an offering</h1>
        <OfferingForm reply={reply} data={data} defaults={{}} submit="Add the offering" />
      </div>
    </div>
  );
}

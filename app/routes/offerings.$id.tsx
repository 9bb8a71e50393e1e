import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, Form } from "~/components/form";
import { InsetText, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink } from "~/sessions/components";
import { OfferingForm } from "~/sessions/offering-form";
import {
  getOffering,
  offeringReferenceError,
  setOfferingArchived,
  updateOffering,
} from "~/sessions/offerings.server";
import { offeringFormData, offeringInput } from "~/sessions/route-helpers.server";
import { OfferingSchema } from "~/sessions/schemas";
import { formatDate } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { formError, invalidForm, parseForm, parseButtonForm, readForm } from "~/utils/forms.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.offering.title ?? "Offering");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const offering = await getOffering(getDb(), idParam(params.id));
  if (!offering) notFound("offering");
  return { offering, ...(await offeringFormData(getDb())) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const offering = await getOffering(getDb(), idParam(params.id));
  if (!offering) notFound("offering");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "archive" || intent === "restore") {
    parseButtonForm(form, z.object({ intent: z.enum(["archive", "restore"]) }).strict());
    await setOfferingArchived(getDb(), offering.id, intent === "archive");
    throw redirect(`/offerings/${offering.id}`);
  }
  const submission = parseForm(form, OfferingSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const input = offeringInput(submission.value);
  const bad = await offeringReferenceError(getDb(), input);
  if (bad) return formError(submission, bad.field, bad.message);
  await updateOffering(getDb(), offering.id, input);
  throw redirect("/offerings?saved=1");
}

export default function EditOffering() {
  const { offering, ...data } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/offerings">Offerings</BackLink>
        <h1 className="govuk-heading-l">{offering.title}</h1>
        {offering.archived_at ? (
          <InsetText>
            Archived on {formatDate(offering.archived_at)}: schools cannot request it.
          </InsetText>
        ) : null}
        <OfferingForm reply={reply} data={data} defaults={offering} submit="Save changes" />
        <h2 className="govuk-heading-m">
          {offering.archived_at ? "Bring it back" : "Stop offering it"}
        </h2>
        <p className="govuk-body">
          {offering.archived_at
            ? "Schools will be able to request it again."
            : "Archiving keeps past sessions and their figures but stops new requests. You can bring it back later."}
        </p>
        <Form>
          {offering.archived_at ? (
            <Button secondary name="intent" value="restore">
              Restore the offering
            </Button>
          ) : (
            <Button warning name="intent" value="archive">
              Archive the offering
            </Button>
          )}
        </Form>
      </div>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink } from "~/sessions/components";
import { ProgrammeForm } from "~/sessions/programme-form";
import {
  getProgramme,
  listDeliveryPartners,
  programmeReferenceError,
  updateProgramme,
} from "~/sessions/programmes.server";
import { programmeInput } from "~/sessions/route-helpers.server";
import { ProgrammeSchema } from "~/sessions/schemas";
import { notFound } from "~/utils/errors.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction = () => pageTitle("Change a programme");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const found = await getProgramme(getDb(), idParam(params.id));
  if (!found) notFound("programme");
  return { ...found, partners: await listDeliveryPartners(getDb()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const found = await getProgramme(getDb(), idParam(params.id));
  if (!found) notFound("programme");
  const submission = parseForm(await readForm(request), ProgrammeSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const input = programmeInput(submission.value);
  const bad = await programmeReferenceError(getDb(), input);
  if (bad) return formError(submission, bad.field, bad.message);
  await updateProgramme(getDb(), idParam(params.id), input);
  throw redirect(`/programmes/${params.id}?saved=1`);
}

export default function EditProgramme() {
  const { programme, targets, partners } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/programmes/${programme.id}`}>{programme.name}</BackLink>
        <h1 className="govuk-heading-l">Change {programme.name}</h1>
        <ProgrammeForm
          reply={reply}
          partners={partners}
          submit="Save changes"
          defaults={{
            name: programme.name,
            description: programme.description,
            deliveryPartnerId: programme.delivery_partner_id,
            startsOn: programme.starts_on,
            endsOn: programme.ends_on,
            targets: Object.fromEntries(
              targets.map((t) => [
                t.audience,
                { sessions: t.sessions_target, people: t.people_target },
              ]),
            ),
          }}
        />
      </div>
    </div>
  );
}

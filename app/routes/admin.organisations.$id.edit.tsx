import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { parseOrganisationForm } from "~/organisations/forms.server";
import { OrganisationFields } from "~/organisations/OrganisationFields";
import {
  getOrganisation,
  listDistricts,
  updateOrganisation,
} from "~/organisations/organisations.server";
import { KIND_LABELS } from "~/organisations/reference";
import { notFound } from "~/utils/errors.server";
import { invalidForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Change ${data.organisation.name}` : "Change an organisation");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:organisations");
  const db = getDb();
  const organisation = await getOrganisation(db, idParam(params.id));
  if (!organisation) notFound("organisation");
  const districts = await listDistricts(db);
  return { organisation, districts: districts.map((d) => ({ id: d.id, name: d.name })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "admin:organisations");
  const db = getDb();
  const organisation = await getOrganisation(db, idParam(params.id));
  if (!organisation) notFound("organisation");
  const { submission, input } = parseOrganisationForm(await readForm(request), organisation.kind);
  if (!input) return invalidForm(submission.reply());
  const result = await updateOrganisation(db, organisation.id, input, {
    userId: user.id,
    ip: clientIp(request),
  });
  if (!result.ok && result.field === "not_found") notFound("organisation");
  if (!result.ok)
    return data(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), {
      status: 400,
    });
  throw redirect(`/admin/organisations/${organisation.id}?saved=updated`);
}

export default function EditOrganisation() {
  const { organisation, districts } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to={`/admin/organisations/${organisation.id}`} className="govuk-back-link">
          Back to {organisation.name}
        </Link>
        <ErrorSummary reply={reply} />
        <span className="govuk-caption-l">{KIND_LABELS[organisation.kind]}</span>
        <h1 className="govuk-heading-l">Change {organisation.name}</h1>
        <Form reply={reply}>
          <OrganisationFields
            kind={organisation.kind}
            districts={districts}
            values={organisation}
          />
          <Button>Save changes</Button>
        </Form>
      </div>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, Radios } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import type { OrganisationKind } from "~/db/schema";
import { parseOrganisationForm } from "~/organisations/forms.server";
import { OrganisationFields } from "~/organisations/OrganisationFields";
import { createOrganisation, listDistricts } from "~/organisations/organisations.server";
import { KIND_LABELS, KINDS } from "~/organisations/reference";
import { KindSchema } from "~/organisations/schemas";
import { invalidForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.kind ? `Add a ${KIND_LABELS[data.kind].toLowerCase()}` : "Add an organisation");

function kindFrom(request: Request): OrganisationKind | null {
  const parsed = KindSchema.safeParse(new URL(request.url).searchParams.get("kind"));
  return parsed.success ? (parsed.data as OrganisationKind) : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:organisations");
  const districts = await listDistricts(getDb());
  return { kind: kindFrom(request), districts: districts.map((d) => ({ id: d.id, name: d.name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "admin:organisations");
  const kind = kindFrom(request);
  if (!kind) throw new Response("Choose what kind of organisation to add.", { status: 400 });
  const { submission, input } = parseOrganisationForm(await readForm(request), kind);
  if (!input) return invalidForm(submission.reply());
  const result = await createOrganisation(getDb(), kind, input, {
    userId: user.id,
    ip: clientIp(request),
  });
  if (!result.ok)
    return data(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), {
      status: 400,
    });
  throw redirect(`/admin/organisations/${result.id}?saved=created`);
}

const KIND_HINTS: Record<OrganisationKind, string> = {
  setting: "A school, alternative provision or college, with a URN",
  vcse: "A voluntary, community or social enterprise organisation",
  delivery_partner: "An organisation that delivers the programmes, like St Giles Trust or Momentum",
  commissioner: "The body that commissions and funds the programmes",
};

export default function NewOrganisation() {
  const { kind, districts } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (!kind) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Link to="/admin/organisations" className="govuk-back-link">
            Back to organisations
          </Link>
          <form method="get" action="/admin/organisations/new">
            <Radios
              name="kind"
              label="What kind of organisation do you want to add?"
              pageHeading
              options={KINDS.map((k) => ({ value: k, label: KIND_LABELS[k], hint: KIND_HINTS[k] }))}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Continue
            </button>
          </form>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/admin/organisations" className="govuk-back-link">
          Back to organisations
        </Link>
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Add a {KIND_LABELS[kind].toLowerCase()}</h1>
        <Form reply={reply} action={`/admin/organisations/new?kind=${kind}`}>
          <OrganisationFields kind={kind} districts={districts} />
          <Button>Add {KIND_LABELS[kind].toLowerCase()}</Button>
        </Form>
      </div>
    </div>
  );
}

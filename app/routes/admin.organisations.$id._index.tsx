import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, Form } from "~/components/form";
import { NotificationBanner, pageTitle, SummaryList, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { countMembers, getOrganisation, setArchived } from "~/organisations/organisations.server";
import { KIND_LABELS, settingCategory } from "~/organisations/reference";
import { formatDateTime } from "~/utils/dates";
import { notFound } from "~/utils/errors.server";
import { parseButtonForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.organisation.name ?? "Organisation");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:organisations");
  const db = getDb();
  const organisation = await getOrganisation(db, idParam(params.id));
  if (!organisation) notFound("organisation");
  return { organisation, members: await countMembers(db, organisation.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "admin:organisations");
  const { intent } = parseButtonForm(
    await readForm(request),
    z.object({ intent: z.enum(["archive", "unarchive"]) }).strict(),
  );
  if (intent !== "archive" && intent !== "unarchive")
    throw new Response("Unknown action", { status: 400 });
  const ok = await setArchived(getDb(), idParam(params.id), intent === "archive", {
    userId: user.id,
    ip: clientIp(request),
  });
  if (!ok) notFound("organisation");
  throw redirect(`/admin/organisations/${params.id}?saved=${intent}d`);
}

const SAVED: Record<string, string> = {
  created: "Organisation added",
  updated: "Changes saved",
  archived: "Organisation archived: it no longer appears in lists or pickers",
  unarchived: "Organisation restored",
};

export default function OrganisationPage() {
  const { organisation: o, members } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const saved = SAVED[params.get("saved") ?? ""];
  const rows: { key: string; value: React.ReactNode }[] = [
    {
      key: "Kind",
      value:
        o.kind === "setting"
          ? `Setting: ${settingCategory(o.establishment_type).toLowerCase()}`
          : KIND_LABELS[o.kind],
    },
  ];
  if (o.kind === "setting") {
    rows.push(
      { key: "URN", value: o.urn ?? "Not given" },
      { key: "Phase of education", value: o.phase ?? "Not given" },
      { key: "Type of establishment", value: o.establishment_type ?? "Not given" },
    );
  }
  if (o.kind === "setting" || o.kind === "vcse")
    rows.push({ key: "District", value: o.district_name ?? "Not given" });
  if (o.kind === "setting") rows.push({ key: "Postcode", value: o.postcode ?? "Not given" });
  if (o.kind === "vcse" || o.kind === "delivery_partner") {
    rows.push(
      { key: "Charity number", value: o.charity_number ?? "None" },
      { key: "Company number", value: o.company_number ?? "None" },
    );
  }
  rows.push(
    {
      key: "People",
      value: (
        <Link className="govuk-link" to={`/admin/people?organisation=${o.id}`}>
          {members} {members === 1 ? "person" : "people"} with a role here
        </Link>
      ),
    },
    { key: "Last changed", value: formatDateTime(o.updated_at) },
  );
  return (
    <>
      <Link to="/admin/organisations" className="govuk-back-link">
        Back to organisations
      </Link>
      {saved ? <NotificationBanner heading={saved} /> : null}
      <span className="govuk-caption-l">{KIND_LABELS[o.kind]}</span>
      <h1 className="govuk-heading-l">
        {o.name} {o.archived_at ? <Tag colour="grey">Archived</Tag> : null}
      </h1>
      <SummaryList rows={rows} />
      <div className="govuk-button-group">
        <Link
          to={`/admin/organisations/${o.id}/edit`}
          className="govuk-button"
          data-module="govuk-button"
        >
          Change details
        </Link>
        <Form className="lantern-inline-form">
          {o.archived_at ? (
            <Button secondary name="intent" value="unarchive">
              Restore organisation
            </Button>
          ) : (
            <Button warning name="intent" value="archive">
              Archive organisation
            </Button>
          )}
        </Form>
      </div>
      {!o.archived_at ? (
        <p className="govuk-body">
          Archiving hides the organisation from lists and pickers. Its history stays, and you can
          restore it.
        </p>
      ) : null}
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { organisationIdsWithRole, requirePermission } from "~/auth/guard.server";
import { listStaffCertificates } from "~/certificates/certificates.server";
import { CertificateTable } from "~/certificates/components";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";

export const meta: MetaFunction = () => pageTitle("Your staff's certificates");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "certificate:view:own-organisation");
  const organisations = organisationIdsWithRole(auth.user, "organisation_manager");
  const rows = await listStaffCertificates(getDb(), organisations);
  const names = [
    ...new Set(
      auth.user.memberships
        .filter((m) => m.role === "organisation_manager")
        .map((m) => m.organisationName),
    ),
  ];
  return { rows, names };
}

export default function StaffCertificates() {
  const { rows, names } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">{names.join(", ")}</span>
      <h1 className="govuk-heading-l">Your staff&apos;s certificates</h1>
      {rows.length ? (
        <CertificateTable
          caption="Certificates held by your organisation's staff"
          rows={rows}
          hrefFor={(id) => `/certificates/${id}`}
          showOrganisation={names.length > 1}
        />
      ) : (
        <p className="govuk-body">Nobody in your organisation has a certificate yet.</p>
      )}
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { has, requireAnyPermission } from "~/auth/guard.server";
import { listOwnCertificates } from "~/certificates/certificates.server";
import { CertificateTable } from "~/certificates/components";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";

export const meta: MetaFunction = () => pageTitle("Your certificates");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAnyPermission(request, ["certificate:own"]);
  const rows = await listOwnCertificates(getDb(), auth.user.id);
  return {
    rows,
    canSeeStaff: has(auth, "certificate:view:own-organisation"),
    canManage: has(auth, "certificate:manage:any"),
  };
}

export default function OwnCertificates() {
  const { rows, canSeeStaff, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Your certificates</h1>
      {canSeeStaff || canManage ? (
        <ul className="govuk-list">
          {canSeeStaff ? (
            <li>
              <Link className="govuk-link" to="/certificates/staff">
                Your staff&apos;s certificates
              </Link>
            </li>
          ) : null}
          {canManage ? (
            <li>
              <Link className="govuk-link" to="/admin/certificates">
                Manage all certificates
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      {rows.length ? (
        <CertificateTable
          caption="Certificates issued to you"
          rows={rows}
          hrefFor={(id) => `/certificates/${id}`}
          showHolder={false}
        />
      ) : (
        <p className="govuk-body">
          You have no certificates yet. You get one when you complete an e-learning module, or
          attend a training session for teachers or VCSE staff.
        </p>
      )}
    </>
  );
}

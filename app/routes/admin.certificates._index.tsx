import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ListPages } from "~/components/filters";
import { pageFrom } from "~/utils/paging";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { listBatches, searchCertificates } from "~/certificates/certificates.server";
import { CertificateTable } from "~/certificates/components";
import { Button, Form, Select, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction = () => pageTitle("Certificates");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "certificate:manage:any");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 200);
  const statusParam = url.searchParams.get("status");
  const status = statusParam === "valid" || statusParam === "revoked" ? statusParam : undefined;
  const db = getDb();
  const [certificates, batches] = await Promise.all([
    searchCertificates(db, { q, status, page: pageFrom(url) }),
    listBatches(db, 10),
  ]);
  return { q, status: status ?? "", certificates, batches };
}

export default function AdminCertificates() {
  const { q, status, certificates, batches } = useLoaderData<typeof loader>();
  const rows = certificates.rows;
  return (
    <>
      <h1 className="govuk-heading-l">Certificates</h1>
      <div className="govuk-button-group">
        <Link className="govuk-button" to="/admin/certificates/new">
          Issue a certificate
        </Link>
        <Link className="govuk-button govuk-button--secondary" to="/admin/certificates/bulk">
          Issue certificates in bulk
        </Link>
        <Link className="govuk-button govuk-button--secondary" to="/admin/certificates/sessions">
          Certificates for a session
        </Link>
      </div>
      <Form method="get" reply={{ initialValue: { q, status } }}>
        <TextInput
          name="q"
          label="Search certificates"
          hint="A name, email address, certificate number, verification code or module or session name"
          type="search"
          width="30"
        />
        <Select
          name="status"
          label="Status"
          options={[
            { value: "", label: "Any status" },
            { value: "valid", label: "Valid" },
            { value: "revoked", label: "Revoked" },
          ]}
        />
        <Button secondary>Search</Button>
      </Form>
      {rows.length ? (
        <CertificateTable
          caption={
            q || status
              ? `Certificates matching your search (${certificates.total.toLocaleString("en-GB")})`
              : "Most recent certificates"
          }
          rows={rows}
          hrefFor={(id) => `/admin/certificates/${id}`}
        />
      ) : (
        <p className="govuk-body">
          {certificates.total ? "Nothing on this page." : "No certificates match your search."}
        </p>
      )}
      <ListPages label="Certificates" noun="certificates" paged={certificates} />
      {batches.length ? (
        <>
          <h2 className="govuk-heading-m">Recent batches</h2>
          <ul className="govuk-list">
            {batches.map((b) => (
              <li key={b.id}>
                <Link className="govuk-link" to={`/admin/certificates/batches/${b.id}`}>
                  {b.label}
                </Link>{" "}
                ({b.total} certificate{b.total === 1 ? "" : "s"}, {formatDateTime(b.created_at)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

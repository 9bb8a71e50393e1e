import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { requirePermission } from "~/auth/guard.server";
import { call } from "~/utils/errors.server";
import { batchCertificates, batchProgress } from "~/certificates/certificates.server";
import { CertificateTable } from "~/certificates/components";
import { InsetText, NotificationBanner, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { formatDateTime } from "~/utils/dates";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data: d }) =>
  pageTitle(d ? d.label : "Batch of certificates");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "certificate:manage:any");
  const db = getDb();
  const { batch, ready, done } = await call(() => batchProgress(db, idParam(params.id)));
  const rows = await batchCertificates(db, batch.id);
  return {
    id: batch.id,
    label: batch.label,
    total: batch.total,
    createdAt: formatDateTime(batch.created_at),
    ready,
    done,
    rows,
  };
}

export default function Batch() {
  const b = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  // With JavaScript, progress updates itself; without it, the "Check progress" link reloads.
  useEffect(() => {
    if (b.done) return;
    const t = setTimeout(() => revalidator.revalidate(), 2000);
    return () => clearTimeout(t);
  }, [b.done, b.ready, revalidator]);
  return (
    <>
      {b.done ? (
        <NotificationBanner title="Ready">
          All {b.total} certificates are ready to download.
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">Batch issued {b.createdAt}</span>
      <h1 className="govuk-heading-l">{b.label}</h1>
      {b.done ? (
        <a className="govuk-button" href={`/admin/certificates/batches/${b.id}/zip`} download>
          Download all {b.total} certificates (ZIP)
        </a>
      ) : (
        <InsetText>
          <p className="govuk-body" aria-live="polite">
            {b.ready} of {b.total} certificates are ready. Lantern is making the rest; you can leave
            this page and come back.
          </p>
          <Link className="govuk-link" to={`/admin/certificates/batches/${b.id}`}>
            Check progress
          </Link>
        </InsetText>
      )}
      <CertificateTable
        caption={`Certificates in this batch (${b.rows.length})`}
        rows={b.rows}
        hrefFor={(id) => `/admin/certificates/${id}`}
      />
    </>
  );
}

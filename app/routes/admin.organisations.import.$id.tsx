import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, Form } from "~/components/form";
import { NotificationBanner, pageTitle, SummaryList, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { applyImport, discardImport, importView } from "~/organisations/gias.server";
import { formatDateTime } from "~/utils/dates";
import { call, notFound } from "~/utils/errors.server";
import { parseButtonForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(
    data?.status === "applied"
      ? "Import report"
      : data?.status === "discarded"
        ? "Import discarded"
        : "Check the changes before you import",
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:organisations");
  const view = await importView(getDb(), idParam(params.id));
  if (!view) notFound("import");
  const { import: imp, plan } = view;
  return {
    id: imp.id,
    status: imp.status,
    fileName: imp.file_name,
    uploadedBy: imp.uploaded_by_name,
    createdAt: imp.created_at,
    appliedAt: imp.applied_at,
    plan,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "admin:organisations");
  const { intent } = parseButtonForm(
    await readForm(request),
    z.object({ intent: z.enum(["apply", "discard"]) }).strict(),
  );
  const id = idParam(params.id);
  if (intent === "apply") {
    await call(() => applyImport(getDb(), id, { userId: user.id, ip: clientIp(request) }));
    throw redirect(`/admin/organisations/import/${id}?applied=1`);
  }
  if (intent === "discard") {
    await discardImport(getDb(), id);
    throw redirect("/admin/organisations/import");
  }
  throw new Response("Unknown action", { status: 400 });
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

export default function ImportReview() {
  const { id, status, fileName, uploadedBy, createdAt, appliedAt, plan } =
    useLoaderData<typeof loader>();
  const applied = status === "applied";
  const la = `${plan.laName ?? "local authority"} (${plan.laCode})`;
  const nothingToDo = plan.created.length + plan.updated.length === 0;
  return (
    <>
      <Link to="/admin/organisations/import" className="govuk-back-link">
        Back to imports
      </Link>
      {applied ? (
        <NotificationBanner
          title="Import applied"
          heading={
            <>
              {plural(plan.created.length, "setting")} added,{" "}
              {plural(plan.updated.length, "setting")} updated
            </>
          }
        />
      ) : null}
      <h1 className="govuk-heading-l">
        {applied
          ? "Import report"
          : status === "discarded"
            ? "Import discarded"
            : "Check the changes before you import"}
      </h1>
      <SummaryList
        rows={[
          { key: "File", value: fileName },
          { key: "Local authority", value: la },
          {
            key: "Uploaded",
            value: `${formatDateTime(createdAt)}${uploadedBy ? ` by ${uploadedBy}` : ""}`,
          },
          ...(appliedAt ? [{ key: "Applied", value: formatDateTime(appliedAt) }] : []),
        ]}
      />
      <Table
        caption={applied ? "What changed" : "What will change"}
        rows={[
          { key: "created", label: applied ? "Created" : "To create", count: plan.created.length },
          { key: "updated", label: applied ? "Updated" : "To update", count: plan.updated.length },
          { key: "unchanged", label: "Unchanged", count: plan.unchanged.length },
          { key: "skipped", label: `Skipped in ${la}`, count: plan.skipped.length },
          { key: "other-la", label: "Left out: other local authorities", count: plan.otherLaCount },
        ]}
        rowKey={(r) => r.key}
        columns={[
          { header: "Change", cell: (r) => r.label, rowHeader: true },
          {
            header: "Settings",
            cell: (r) => r.count,
            numeric: true,
            cellProps: (r) => ({ "data-count": r.key }),
          },
        ]}
      />

      {plan.created.length ? (
        <Table
          caption={applied ? "Created" : "Settings to create"}
          rows={plan.created}
          rowKey={(c) => c.urn}
          columns={[
            { header: "URN", cell: (c) => c.urn },
            { header: "Name", cell: (c) => c.name },
            { header: "Type", cell: (c) => c.establishment_type },
            { header: "Phase", cell: (c) => c.phase },
            { header: "District", cell: (c) => c.districtName },
            { header: "Postcode", cell: (c) => c.postcode, className: "lantern-nowrap" },
          ]}
        />
      ) : null}

      {plan.updated.length ? (
        <Table
          caption={applied ? "Updated" : "Settings to update"}
          rows={plan.updated.flatMap((u) => u.changes.map((c, i) => ({ u, c, first: i === 0 })))}
          rowKey={({ u, c }) => `${u.urn}-${c.field}`}
          columns={[
            { header: "URN", cell: ({ u, first }) => (first ? u.urn : "") },
            { header: "Setting", cell: ({ u, first }) => (first ? u.name : "") },
            { header: "Field", cell: ({ c }) => c.label },
            { header: "Was", cell: ({ c }) => c.from ?? "(blank)" },
            { header: applied ? "Now" : "Will be", cell: ({ c }) => c.to ?? "(blank)" },
          ]}
        />
      ) : null}

      {plan.skipped.length ? (
        <Table
          caption={<>Skipped in {la}</>}
          rows={plan.skipped}
          rowKey={(s, i) => `${s.urn}-${i}`}
          columns={[
            { header: "URN", cell: (s) => s.urn },
            { header: "Name", cell: (s) => s.name },
            { header: "Why", cell: (s) => s.reason },
          ]}
        />
      ) : null}

      {plan.otherLaCount ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              {plural(plan.otherLaCount, "establishment")} of other local authorities left out
            </span>
          </summary>
          <div className="govuk-details__text">
            <p className="govuk-body">
              They are not in {la}.{" "}
              {plan.otherLaSample.length < plan.otherLaCount ? "The first few:" : ""}
            </p>
            <ul className="govuk-list govuk-list--bullet">
              {plan.otherLaSample.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}

      {plan.unchanged.length ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              {plural(plan.unchanged.length, "setting")} already up to date
            </span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list">
              {plan.unchanged.map((u) => (
                <li key={u.urn}>
                  {u.urn} {u.name}
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}

      {status === "pending" ? (
        <>
          {nothingToDo ? (
            <WarningText>
              Nothing in this file would change Lantern&apos;s settings. Applying only records that
              the import was checked.
            </WarningText>
          ) : (
            <p className="govuk-body">
              Applying saves all of these changes together. Settings not in the file are left as
              they are.
            </p>
          )}
          <Form action={`/admin/organisations/import/${id}`}>
            <div className="govuk-button-group">
              <Button name="intent" value="apply">
                Apply these changes
              </Button>
              <Button secondary name="intent" value="discard">
                Cancel and discard
              </Button>
            </div>
          </Form>
        </>
      ) : (
        <p className="govuk-body">
          <Link className="govuk-link" to="/admin/organisations?kind=setting">
            See all settings
          </Link>
        </p>
      )}
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, fieldId, Form, TextInput } from "~/components/form";
import { pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import {
  createImport,
  decodeGias,
  listImports,
  MAX_UPLOAD_BYTES,
  NORFOLK_LA_CODE,
  parseGias,
} from "~/organisations/gias.server";
import { ImportUploadSchema } from "~/organisations/schemas";
import { formatDateTime } from "~/utils/dates";
import { invalidForm, parseForm, problemReply, readForm } from "~/utils/forms.server";
import { Table } from "~/components/table";

export const meta: MetaFunction = () =>
  pageTitle("Import settings from Get Information About Schools");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:organisations");
  return { imports: await listImports(getDb()), defaultLaCode: NORFOLK_LA_CODE };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "admin:organisations");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD_BYTES)
    throw new Response("The file is too big: the limit is 100 MB.", { status: 413 });
  const form = await readForm(request);
  const submission = parseForm(form, ImportUploadSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const file = form.get("file");
  const fileError = (message: string) =>
    data(submission.reply({ fieldErrors: { file: [message] } }), { status: 400 });
  if (!file || typeof file === "string" || file.size === 0)
    return fileError("Choose the CSV file you downloaded from Get Information About Schools");
  if (file.size > MAX_UPLOAD_BYTES) return fileError("The file must be smaller than 100 MB");
  const parsed = parseGias(
    decodeGias(new Uint8Array(await file.arrayBuffer())),
    submission.value.laCode,
  );
  if (!parsed.ok) return problemReply(submission, parsed);
  if (!parsed.rows.length) {
    return data(
      submission.reply({
        fieldErrors: {
          laCode: [`The file has no establishments of local authority ${submission.value.laCode}`],
        },
      }),
      { status: 400 },
    );
  }
  const id = await createImport(getDb(), {
    fileName: file.name || "upload.csv",
    parsed,
    userId: user.id,
  });
  throw redirect(`/admin/organisations/import/${id}`);
}

const STATUS: Record<string, { label: string; colour: "green" | "grey" | "yellow" }> = {
  applied: { label: "Applied", colour: "green" },
  pending: { label: "Not applied", colour: "yellow" },
  discarded: { label: "Discarded", colour: "grey" },
};

export default function ImportSettings() {
  const { imports, defaultLaCode } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const fileError = reply?.error?.file?.[0];
  const fid = fieldId("file");
  return (
    <>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Link to="/admin/organisations" className="govuk-back-link">
            Back to organisations
          </Link>
          <ErrorSummary reply={reply} />
          <h1 className="govuk-heading-l">Import settings from Get Information About Schools</h1>
          <p className="govuk-body">
            Download the establishment fields extract (CSV) from the Department for Education&apos;s
            Get Information About Schools service and upload it here. Lantern keeps the open
            establishments of one local authority, finds each one&apos;s district, updates settings
            it already has (matched by URN) and adds the others.
          </p>
          <p className="govuk-body">You will see every change before anything is saved.</p>
          <Form reply={reply} encType="multipart/form-data">
            <div className={`govuk-form-group${fileError ? " govuk-form-group--error" : ""}`}>
              <label className="govuk-label govuk-label--s" htmlFor={fid}>
                Extract file (CSV)
              </label>
              <div id={`${fid}-hint`} className="govuk-hint">
                As downloaded, in Windows-1252. Up to 100 MB.
              </div>
              {fileError ? (
                <p id={`${fid}-error`} className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {fileError}
                </p>
              ) : null}
              <input
                className={`govuk-file-upload${fileError ? " govuk-file-upload--error" : ""}`}
                id={fid}
                name="file"
                type="file"
                accept=".csv,text/csv"
                aria-describedby={`${fid}-hint${fileError ? ` ${fid}-error` : ""}`}
              />
            </div>
            <TextInput
              name="laCode"
              label="Local authority code"
              hint="3 digits. Norfolk is 926."
              defaultValue={defaultLaCode}
              width="3"
              inputMode="numeric"
              spellCheck={false}
            />
            <Button>Upload and check the changes</Button>
          </Form>
        </div>
      </div>
      {imports.length ? (
        <Table
          caption="Recent imports"
          rows={imports}
          rowKey={(i) => i.id}
          columns={[
            { header: "Uploaded", cell: (i) => formatDateTime(i.created_at) },
            {
              header: "File",
              cell: (i) => (
                <Link className="govuk-link" to={`/admin/organisations/import/${i.id}`}>
                  {i.file_name}
                </Link>
              ),
            },
            {
              header: "Local authority",
              cell: (i) => (
                <>
                  {i.la_name ?? "Unknown"} ({i.la_code})
                </>
              ),
            },
            { header: "By", cell: (i) => i.uploaded_by_name ?? "" },
            {
              header: "Status",
              cell: (i) => <Tag colour={STATUS[i.status].colour}>{STATUS[i.status].label}</Tag>,
            },
          ]}
        />
      ) : null}
    </>
  );
}

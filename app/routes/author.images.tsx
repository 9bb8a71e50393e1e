import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, type Reply } from "~/components/form";
import { NotificationBanner, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { listImages, MAX_IMAGE_BYTES, saveImage } from "~/learning/images.server";
import { formatShortDate } from "~/utils/dates";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Images for lessons");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "learning:author");
  return { images: await listImages(getDb()) };
}

function fail(message: string, headers?: HeadersInit) {
  return data({ status: "error", error: { image: [message] } } satisfies Reply, {
    status: 400,
    headers,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "learning:author");
  // Refuse an oversized body before reading it.
  const length = Number(request.headers.get("content-length") ?? 0);
  // The unread body stays on the wire, so the connection is closed rather than reused.
  if (length > MAX_IMAGE_BYTES + 64 * 1024)
    return fail("The selected file must be smaller than 2 MB", { Connection: "close" });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return fail("Select an image to upload");
  }
  const file = form.get("image");
  if (!file || typeof file === "string" || file.size === 0)
    return fail("Select an image to upload");
  const saved = await saveImage(getDb(), user.id, {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!saved.ok) return fail(saved.message);
  throw redirect(`/author/images?uploaded=${saved.id}`);
}

export default function Images() {
  const { images } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const uploaded = params.get("uploaded");
  const error = reply?.error?.image?.[0];
  return (
    <>
      <Link className="govuk-back-link" to="/author">
        Back to modules
      </Link>
      {uploaded ? (
        <NotificationBanner
          title="Uploaded"
          heading="The image is uploaded. Copy this into the lesson text:"
        >
          <p className="govuk-body">
            <code>![Describe the image here](/learning/images/{uploaded})</code>
          </p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary reply={reply} />
      <h1 className="govuk-heading-l">Images for lessons</h1>
      <Form encType="multipart/form-data" reply={reply}>
        <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="f-image">
            Upload an image
          </label>
          <div id="f-image-hint" className="govuk-hint">
            PNG, JPEG, GIF or WebP, smaller than 2 MB. Describe the image in the lesson for people
            who cannot see it.
          </div>
          {error ? (
            <p id="f-image-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <input
            className={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
            id="f-image"
            name="image"
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            aria-describedby={`f-image-hint${error ? " f-image-error" : ""}`}
          />
        </div>
        <Button>Upload image</Button>
      </Form>
      {images.length ? (
        <Table
          caption="Uploaded images"
          rows={images}
          rowKey={(i) => i.id}
          columns={[
            {
              header: "Image",
              cell: (i) => (
                <img
                  src={`/learning/images/${i.id}`}
                  alt=""
                  style={{ maxWidth: 120, maxHeight: 80 }}
                />
              ),
            },
            {
              header: "File",
              cell: (i) => (
                <>
                  {i.original_name}
                  <br />
                  <span className="govuk-body-s">
                    {Math.ceil(i.bytes / 1024)} KB · {formatShortDate(i.created_at)}
                  </span>
                </>
              ),
            },
            {
              header: "Markdown to use",
              cell: (i) => (
                <code style={{ wordBreak: "break-all" }}>
                  ![Describe the image here](/learning/images/{i.id})
                </code>
              ),
            },
          ]}
        />
      ) : null}
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { getDb } from "~/db/db.server";
import { exportSubject } from "~/privacy/privacy.server";
import { PrivacyExportSchema } from "~/privacy/schemas";
import { parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

// A subject access export as a JSON download. POST only (the address stays out of URLs and logs).
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "privacy:manage");
  throw redirect("/admin/privacy");
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "privacy:manage");
  const submission = parseForm(await readForm(request), PrivacyExportSchema);
  if (submission.status !== "success")
    return new Response("Enter a valid email address.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const body = await exportSubject(getDb(), {
    email: submission.value.email,
    actorUserId: user.id,
    ip: clientIp(request),
  });
  const name = `lantern-subject-access-${body.generatedAt.slice(0, 10)}.json`;
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireCasework } from "~/casework/access.server";
import { exportYoungPerson } from "~/casework/privacy.server";
import { YoungPersonExportSchema } from "~/casework/schemas";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

// A young person's subject access export as a JSON download. POST only (their name stays out of
// URLs and logs); cleared casework managers only; audited.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCasework(request, ["manager"], "forbid");
  throw redirect("/casework/subject-access");
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager"], "forbid");
  const submission = parseForm(await readForm(request), YoungPersonExportSchema);
  const text = (message: string, status: number) =>
    new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (submission.status !== "success")
    return text(
      "Enter the young person's full name and date of birth. Go back and try again.",
      400,
    );
  const body = await call(() =>
    exportYoungPerson(getDb(), viewer, submission.value, clientIp(request)),
  );
  if (!body.records.length)
    return text(
      "No referral or case matches that name and date of birth. Go back and try again.",
      404,
    );
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="casework-subject-access-${body.generatedAt.slice(0, 10)}.json"`,
    },
  });
}

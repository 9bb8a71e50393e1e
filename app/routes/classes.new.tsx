import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { ClassForm } from "~/sessions/class-form";
import { classNameTaken, createClass, DUPLICATE_CLASS, schoolsOf } from "~/sessions/classes.server";
import { BackLink } from "~/sessions/components";
import { ClassSchema } from "~/sessions/schemas";
import { viewerOf } from "~/sessions/scope.server";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => pageTitle("Add a class");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "class:manage:own-school");
  return { schools: await schoolsOf(getDb(), viewerOf(auth).schoolIds) };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "class:manage:own-school");
  const viewer = viewerOf(auth);
  const submission = parseForm(await readForm(request), ClassSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const settingId =
    submission.value.settingId ?? (viewer.schoolIds.length === 1 ? viewer.schoolIds[0] : undefined);
  if (!settingId || !viewer.schoolIds.includes(settingId))
    return formError(submission, "settingId", "Choose one of your schools", 403);
  if (await classNameTaken(getDb(), settingId, submission.value))
    return formError(submission, "name", DUPLICATE_CLASS, 409);
  await createClass(getDb(), viewer.schoolIds, {
    settingId,
    yearGroup: submission.value.yearGroup,
    name: submission.value.name,
    pupilCount: submission.value.pupilCount,
    accessNeeds: submission.value.accessNeeds || null,
  });
  throw redirect("/classes?saved=1");
}

export default function NewClass() {
  const { schools } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/classes">Your classes</BackLink>
        <h1 className="govuk-heading-l">Add a class</h1>
        <ClassForm reply={reply} schools={schools} defaults={{}} submit="Add the class" />
      </div>
    </div>
  );
}

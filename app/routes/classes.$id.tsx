import { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, Form } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { ClassForm } from "~/sessions/class-form";
import {
  DUPLICATE_CLASS,
  getClass,
  setClassArchived,
  updateClass,
} from "~/sessions/classes.server";
import { BackLink } from "~/sessions/components";
import { ClassSchema } from "~/sessions/schemas";
import { viewerOf } from "~/sessions/scope.server";
import { notFound } from "~/utils/errors.server";
import { formError, invalidForm, parseForm, parseButtonForm, readForm } from "~/utils/forms.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction = () => pageTitle("Change a class");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "class:manage:own-school");
  const found = await getClass(getDb(), viewerOf(auth).schoolIds, idParam(params.id));
  if (!found) notFound("class");
  return { cls: found };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "class:manage:own-school");
  const { schoolIds } = viewerOf(auth);
  const found = await getClass(getDb(), schoolIds, idParam(params.id));
  if (!found) notFound("class");
  const form = await readForm(request);
  if (form.get("intent") === "archive") {
    parseButtonForm(form, z.object({ intent: z.literal("archive") }).strict());
    await setClassArchived(getDb(), schoolIds, found.id, true);
    throw redirect("/classes?saved=1");
  }
  const submission = parseForm(form, ClassSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const ok = await updateClass(getDb(), schoolIds, found.id, {
    yearGroup: submission.value.yearGroup,
    name: submission.value.name,
    pupilCount: submission.value.pupilCount,
    accessNeeds: submission.value.accessNeeds || null,
  });
  if (!ok) notFound("class");
  if (ok === "duplicate") return formError(submission, "name", DUPLICATE_CLASS, 409);
  throw redirect("/classes?saved=1");
}

export default function EditClass() {
  const { cls } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/classes">Your classes</BackLink>
        <h1 className="govuk-heading-l">Change class {cls.name}</h1>
        <ClassForm reply={reply} schools={null} defaults={cls} submit="Save changes" />
        <h2 className="govuk-heading-m">Remove the class</h2>
        <p className="govuk-body">
          Removing it keeps the sessions it has had, but you will not be able to book it again.
        </p>
        <Form>
          <Button warning name="intent" value="archive">
            Remove the class
          </Button>
        </Form>
      </div>
    </div>
  );
}

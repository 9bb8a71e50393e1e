import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, Textarea, TextInput } from "~/components/form";
import { NotificationBanner, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { VisitDetailsSchema } from "~/organisations/schemas";
import { saveVisitDetails, schoolForVisits } from "~/organisations/visit-details.server";
import { viewerOf } from "~/sessions/scope.server";
import { call } from "~/utils/errors.server";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

// A school coordinator keeps their school's details for trainers' visits: the postcode, the street
// address and the phone a trainer rings on the day, shown on the run-sheet of every session there
// (issue 17, item 8). A coordinator of several schools chooses one at a time (?school=). A lead
// keeps the same details on the organisation's page.

export const meta: MetaFunction = () => pageTitle("Details for trainers’ visits");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "class:manage:own-school");
  const url = new URL(request.url);
  const { school, others } = await call(() =>
    schoolForVisits(getDb(), viewerOf(auth).schoolIds, url.searchParams.get("school")),
  );
  return { school, others, saved: url.searchParams.get("saved") === "1" };
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "class:manage:own-school");
  const submission = parseForm(await readForm(request), VisitDetailsSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  await call(() =>
    saveVisitDetails(getDb(), viewerOf(auth).schoolIds, submission.value, {
      userId: auth.user.id,
      ip: clientIp(request),
    }),
  );
  throw redirect(
    `/school-details?school=${encodeURIComponent(submission.value.settingId)}&saved=1`,
  );
}

export default function SchoolDetails() {
  const { school, others, saved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/classes" className="govuk-back-link">
          Your classes
        </Link>
        {saved && !reply ? (
          <NotificationBanner
            heading={`The details for visits to ${school.name} have been saved.`}
          />
        ) : null}
        <ErrorSummary reply={reply} />
        <span className="govuk-caption-l">{school.name}</span>
        <h1 className="govuk-heading-l">Details for trainers’ visits</h1>
        <p className="govuk-body">
          Trainers see these on the run-sheet of every session at {school.name}, with a link to a
          map of the postcode.
        </p>
        <Form reply={reply}>
          <input type="hidden" name="settingId" value={school.id} />
          <TextInput
            name="postcode"
            label="Postcode"
            hint="Trainers open a map of it"
            defaultValue={school.postcode}
            width="10"
            autoComplete="postal-code"
          />
          <Textarea
            name="address"
            label="Street address (optional)"
            hint="Include the entrance to use if it is not the main one"
            rows={3}
            defaultValue={school.address}
          />
          <TextInput
            name="contactPhone"
            label="Phone for visits (optional)"
            hint="The school’s number a trainer rings on the day, like the office or reception"
            defaultValue={school.contact_phone}
            width="20"
            type="tel"
            autoComplete="off"
          />
          <Button>Save the details</Button>
        </Form>
        {others.length ? (
          <>
            <h2 className="govuk-heading-m">Your other schools</h2>
            <ul className="govuk-list">
              {others.map((s) => (
                <li key={s.id}>
                  <Link className="govuk-link" to={`/school-details?school=${s.id}`}>
                    {s.name}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}

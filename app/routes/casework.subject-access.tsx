import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCasework } from "~/casework/access.server";
import { eraseYoungPerson, retentionReview } from "~/casework/privacy.server";
import { YoungPersonEraseSchema } from "~/casework/schemas";
import { Button, Checkboxes, ErrorSummary, Form, TextInput } from "~/components/form";
import { DateInput } from "~/components/date-input";
import { NotificationBanner, pageTitle, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { formatDay } from "~/utils/dates";
import { formError, invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";

// Data protection for the young people in casework (cleared casework managers only): a subject
// access export or an erasure by name and date of birth, and the review list of case files the
// retention job will delete soon. Young people have no accounts, so /admin/privacy cannot find them.
export const meta: MetaFunction = () => pageTitle("Casework: subject access and retention");

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager"], "forbid");
  const due = await call(() => retentionReview(getDb(), viewer));
  const erased = new URL(request.url).searchParams.get("erased");
  return {
    due: due.map((d) => ({
      id: d.id,
      who: d.young_person_name ?? d.initials,
      programme: d.programme,
      retainUntil: d.retain_until!,
    })),
    erased,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager"], "forbid");
  const submission = parseForm(await readForm(request), YoungPersonEraseSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const n = await call(() =>
    eraseYoungPerson(getDb(), viewer, submission.value, clientIp(request)),
  );
  if (!n)
    return formError(submission, "name", "No referral or case matches that name and date of birth");
  throw redirect(`/casework/subject-access?erased=${n}`);
}

export default function CaseworkSubjectAccess() {
  const { due, erased } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <Link to="/casework" className="govuk-back-link">
        Caseload
      </Link>
      {erased ? (
        <NotificationBanner
          title="Erased"
          heading={
            <>
              {erased}{" "}
              {erased === "1"
                ? "referral and its case file were"
                : "referrals and their case files were"}{" "}
              deleted
            </>
          }
        />
      ) : null}
      <ErrorSummary reply={reply} />
      <h1 className="govuk-heading-l">Young people&apos;s data: subject access and retention</h1>
      <WarningText>Every export and erasure is recorded in the audit log.</WarningText>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Subject access</h2>
          <form method="post" action="/casework/subject-access/export" noValidate>
            {/* The erasure form below has the same fields and shows the errors: these get their own ids. */}
            <TextInput
              id="export-name"
              name="name"
              label="Young person's full name"
              autoComplete="off"
              spellCheck={false}
            />
            <DateInput id="export-dateOfBirth" name="dateOfBirth" label="Date of birth" />
            <Button>Download everything held (JSON)</Button>
          </form>
          <h2 className="govuk-heading-m">Erasure</h2>
          <Form reply={reply}>
            <TextInput
              name="name"
              label="Young person's full name"
              autoComplete="off"
              spellCheck={false}
            />
            <DateInput name="dateOfBirth" label="Date of birth" />
            <Checkboxes
              name="confirm"
              label="Confirm"
              options={[
                {
                  value: "yes",
                  label:
                    "Every referral and case file about this young person should be deleted now",
                },
              ]}
            />
            <Button warning>Erase everything held</Button>
          </Form>
        </div>
      </div>
      <Table
        caption="Case files retention will delete in the next 90 days"
        rows={due}
        rowKey={(d) => d.id}
        empty="None."
        columns={[
          {
            header: "Young person",
            cell: (d) => (
              <Link to={`/casework/cases/${d.id}`} className="govuk-link">
                {d.who}
              </Link>
            ),
          },
          { header: "Programme", cell: (d) => d.programme },
          { header: "Kept until", cell: (d) => formatDay(d.retainUntil) },
        ]}
      />
    </>
  );
}

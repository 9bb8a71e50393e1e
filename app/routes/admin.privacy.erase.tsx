import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, Checkboxes } from "~/components/form";
import { pageTitle, SummaryList, WarningText } from "~/components/page";
import { getDb } from "~/db/db.server";
import { eraseSubject, summariseSubject } from "~/privacy/privacy.server";
import { PrivacyEraseSchema } from "~/privacy/schemas";
import { call } from "~/utils/errors.server";
import { invalidForm, parseForm, problemReply, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => pageTitle("Erase a person");

// Erasure: a check-your-answers step, then the irreversible change.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "privacy:manage");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "privacy:manage");
  const form = await readForm(request);
  const submission = parseForm(form, PrivacyEraseSchema);
  const db = getDb();
  const ip = clientIp(request);
  if (submission.status !== "success") {
    // Not confirmed: show the same check page again, with the error.
    const email = PrivacyEraseSchema.options[0].shape.email.safeParse(form.get("email"));
    if (form.get("intent") === "erase" && email.success) {
      const summary = await summariseSubject(db, { email: email.data, actorUserId: user.id, ip });
      return data({ review: summary, reply: submission.reply() }, { status: 400 });
    }
    return invalidForm(submission.reply());
  }
  const input = submission.value;
  if (input.intent === "review") {
    const summary = await summariseSubject(db, { email: input.email, actorUserId: user.id, ip });
    return data({ review: summary, reply: undefined });
  }
  const erased = await call(() =>
    eraseSubject(db, { email: input.email, actorUserId: user.id, ip }),
  );
  if (!erased.ok) return problemReply(submission, erased);
  throw redirect("/admin/privacy?erased=1");
}

export default function Erase() {
  const result = useActionData<typeof action>();
  const review = result && "review" in result ? result.review : null;
  const reply = result && "review" in result ? result.reply : result;
  if (!review) {
    return (
      <>
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Erase a person</h1>
        <p className="govuk-body">
          Start from{" "}
          <Link className="govuk-link" to="/admin/privacy">
            Data protection
          </Link>
          : find the person first, then choose to erase them.
        </p>
      </>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Check before you erase {review.subject.email}</h1>
        <SummaryList
          rows={[
            {
              key: "Account",
              value: review.subject.userId
                ? (review.subject.name ?? "")
                : "No account: only records made with this address",
            },
            ...review.sections.map((s) => ({
              key: s.label,
              value: `${s.records} record${s.records === 1 ? "" : "s"}`,
            })),
          ]}
        />
        <p className="govuk-body">
          Their name and email address are replaced everywhere, their account is closed, their
          sessions, reset links and recovery codes are deleted, and IP addresses in audit entries
          about them are removed. Counts in reports stay the same.
        </p>
        <WarningText>
          This cannot be undone. Download their data first if they asked for a copy.
        </WarningText>
        <Form reply={reply}>
          <input type="hidden" name="intent" value="erase" />
          <input type="hidden" name="email" value={review.subject.email} />
          <Checkboxes
            name="confirm"
            label="Confirm"
            options={[
              {
                value: "yes",
                label: "I understand that this person's data will be erased for good",
              },
            ]}
          />
          <Button warning>Erase this person</Button>
        </Form>
      </div>
    </div>
  );
}

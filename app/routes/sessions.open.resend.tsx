import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { NotificationBanner, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink } from "~/sessions/components";
import { resendBookingDetails } from "~/sessions/resend.server";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { publicUrl } from "~/utils/url.server";

// Lost your confirmation? Enter the address you booked with; the answer is the same either way.

export const meta: MetaFunction = () => pageTitle("Send my booking details again");

// The action's Retry-After reaches the page's response (Remix takes document headers from here).
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : new Headers();
};

const ResendSchema = z
  .object({
    email: z
      .string({ error: "Enter your email address" })
      .trim()
      .max(320)
      .email("Enter an email address in the correct format, like name@example.org"),
  })
  .strict();

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), ResendSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const outcome = await resendBookingDetails(getDb(), {
    email: submission.value.email,
    ip: clientIp(request),
    baseUrl: publicUrl(request),
  });
  if (!outcome.ok) {
    return data(
      submission.reply({
        formErrors: [
          `You have asked several times. Please wait ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes and try again.`,
        ],
      }),
      {
        status: 429,
        headers: { "Retry-After": String(outcome.retryAfterSeconds) },
      },
    );
  }
  throw redirect("/sessions/open/resend?sent=1");
}

export default function Resend() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/sessions/open">All open sessions</BackLink>
        {params.get("sent") ? (
          <NotificationBanner title="Check your email">
            If that address has a place or a waiting-list place at a session that has not happened
            yet, we have emailed its details and a new link to cancel. The link in any earlier email
            no longer works.
          </NotificationBanner>
        ) : null}
        <ErrorSummary reply={result ?? null} />
        <h1 className="govuk-heading-l">Send my booking details again</h1>
        <p className="govuk-body">
          Enter the email address you booked with. We will send the details of each session you are
          booked on, with a link to cancel.
        </p>
        <Form reply={result ?? null}>
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
          />
          <Button>Send my booking details</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/contact">
            Contact us
          </Link>{" "}
          if the email does not arrive.
        </p>
      </div>
    </div>
  );
}

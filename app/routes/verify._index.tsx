import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { normaliseCode } from "~/certificates/codes";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";

export const meta: MetaFunction = () => [
  ...pageTitle("Check a certificate"),
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

// The form is sent with GET, so checking a code needs no session and no JavaScript; a code in any
// form (case, spaces, hyphens, a pasted address) goes to its canonical address /verify/<code>.
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("code");
  if (typed === null) return { reply: null };
  const code = normaliseCode(typed);
  if (code) throw redirect(`/verify/${code}`);
  const message = typed.trim()
    ? "Enter the verification code as it is printed on the certificate: 16 letters and numbers, like 7K3M-9QXD-2F8R-HW4T"
    : "Enter the verification code printed on the certificate";
  return data(
    {
      reply: {
        status: "error" as const,
        initialValue: { code: typed },
        error: { code: [message] },
      },
    },
    { status: 400 },
  );
}

export default function Verify() {
  const { reply } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary reply={reply} />
        <h1 className="govuk-heading-l">Check a certificate</h1>
        <p className="govuk-body">
          Lantern certificates are issued by St Giles Trust and Momentum for training on child
          criminal exploitation in Norfolk. Each has a verification code printed beside its QR code.
          Enter it to check the certificate is genuine and has not been revoked.
        </p>
        <Form method="get" reply={reply} action="/verify">
          <TextInput
            name="code"
            label="Verification code"
            hint="16 letters and numbers, for example 7K3M-9QXD-2F8R-HW4T. Capitals, spaces and hyphens do not matter."
            autoComplete="off"
            spellCheck={false}
            width="20"
          />
          <Button>Check certificate</Button>
        </Form>
      </div>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { InsetText, NotificationBanner, pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { PRIVACY_HANDLERS } from "~/privacy/handlers.server";
import { summariseSubject } from "~/privacy/privacy.server";
import {
  RETENTION_POLICIES,
  retentionMonths,
  runRetention,
  setRetentionMonths,
} from "~/privacy/retention.server";
import { PrivacyPageSchema } from "~/privacy/schemas";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Data protection");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "privacy:manage");
  const url = new URL(request.url);
  return {
    months: await retentionMonths(getDb()),
    policies: RETENTION_POLICIES.map((p) => ({ name: p.name, description: p.description })),
    handlers: PRIVACY_HANDLERS.map((h) => ({ name: h.name, label: h.label, holds: h.holds })),
    saved: url.searchParams.has("saved"),
    erased: url.searchParams.has("erased"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "privacy:manage");
  const submission = parseForm(await readForm(request), PrivacyPageSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const db = getDb();
  const ip = clientIp(request);
  const input = submission.value;
  if (input.intent === "set-retention") {
    await setRetentionMonths(db, { months: input.months, actorUserId: user.id, ip });
    throw redirect("/admin/privacy?saved=1");
  }
  if (input.intent === "run-retention") {
    const run = await runRetention(db, { actorUserId: user.id });
    return { kind: "retention" as const, run };
  }
  const summary = await summariseSubject(db, { email: input.email, actorUserId: user.id, ip });
  return { kind: "summary" as const, summary };
}

export default function Privacy() {
  const { months, policies, saved, erased } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const reply = result && !("kind" in result) ? result : undefined;
  const summary = result && "kind" in result && result.kind === "summary" ? result.summary : null;
  const run = result && "kind" in result && result.kind === "retention" ? result.run : null;
  return (
    <>
      {saved ? <NotificationBanner>The retention period has been saved.</NotificationBanner> : null}
      {erased ? (
        <NotificationBanner>
          The person has been erased. Their records are kept in counts only.
        </NotificationBanner>
      ) : null}
      <ErrorSummary reply={reply} />
      <h1 className="govuk-heading-l">Data protection</h1>

      <h2 className="govuk-heading-m">Find what Lantern holds about a person</h2>
      <p className="govuk-body">
        For a subject access request or a request to be forgotten. Looking someone up is recorded in
        the audit log.
      </p>
      <Form reply={reply}>
        <input type="hidden" name="intent" value="find" />
        <TextInput
          name="email"
          label="Email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          width="20"
        />
        <Button>Find</Button>
      </Form>

      {summary ? (
        <>
          <h3 className="govuk-heading-s">Held about {summary.subject.email}</h3>
          <SummaryList
            rows={[
              {
                key: "Account",
                value: summary.subject.userId
                  ? `${summary.subject.name ?? ""}${summary.subject.disabled ? " (disabled)" : ""}`
                  : "No account with this address",
              },
            ]}
          />
          <Table
            caption="Records by part of Lantern"
            captionSize="s"
            rows={summary.sections}
            rowKey={(s) => s.name}
            columns={[
              { header: "Part", cell: (s) => s.label },
              { header: "What it holds", cell: (s) => s.holds },
              { header: "Records", cell: (s) => s.records, numeric: true },
            ]}
          />
          <div className="govuk-button-group">
            <Form action="/admin/privacy/export" reloadDocument>
              <input type="hidden" name="email" value={summary.subject.email} />
              <Button secondary>Download everything as JSON</Button>
            </Form>
            <Form action="/admin/privacy/erase">
              <input type="hidden" name="intent" value="review" />
              <input type="hidden" name="email" value={summary.subject.email} />
              <Button warning>Erase this person</Button>
            </Form>
          </div>
        </>
      ) : null}

      <h2 className="govuk-heading-m">Retention</h2>
      <p className="govuk-body">
        Lantern removes personal data a set number of months after it stops being needed, every day.
        It is now <strong>{`${months} month${months === 1 ? "" : "s"}`}</strong>.
      </p>
      <Form reply={reply}>
        <input type="hidden" name="intent" value="set-retention" />
        <TextInput
          name="months"
          label="Months to keep personal data"
          inputMode="numeric"
          width="3"
          defaultValue={months}
          hint="From 1 to 120."
        />
        <Button secondary>Save the retention period</Button>
      </Form>
      <Table
        caption="What the daily retention job removes"
        captionSize="s"
        rows={policies}
        rowKey={(p) => p.name}
        columns={[
          { header: "Records", cell: (p) => p.name[0].toUpperCase() + p.name.slice(1) },
          { header: "What happens", cell: (p) => p.description },
          run && {
            header: "Removed just now",
            cell: (p) => run.results.find((r) => r.policy === p.name)?.affected ?? 0,
            numeric: true,
          },
        ]}
      />
      {run ? (
        <InsetText>
          Retention ran just now, removing what ended before {run.cutoff.slice(0, 10)}.
        </InsetText>
      ) : null}
      <Form>
        <input type="hidden" name="intent" value="run-retention" />
        <Button secondary>Run retention now</Button>
      </Form>
    </>
  );
}

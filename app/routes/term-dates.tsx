import { z } from "zod";
import { DateInput } from "~/components/date-input";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import {
  addTermDate,
  deleteTermDate,
  listTermDates,
  updateTermDate,
} from "~/sessions/scheduling.server";
import { TermDateSchema } from "~/sessions/schemas";
import { formatDay } from "~/utils/dates";
import { invalidForm, parseForm, parseButtonForm, readForm } from "~/utils/forms.server";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Term dates");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "booking:schedule:any");
  const url = new URL(request.url);
  const terms = await listTermDates(getDb());
  return { terms, editing: terms.find((t) => t.id === url.searchParams.get("edit")) ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "booking:schedule:any");
  const form = await readForm(request);
  if (form.get("intent") === "delete") {
    const { id } = parseButtonForm(
      form,
      z.object({ intent: z.literal("delete"), id: z.string().max(64) }).strict(),
    );
    await deleteTermDate(getDb(), id);
    throw redirect("/term-dates?saved=1");
  }
  const id = String(form.get("id") ?? "");
  form.delete("id");
  const submission = parseForm(form, TermDateSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const values = {
    academicYear: v.academicYear,
    name: v.name,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
  };
  if (v.intent === "save" && id) await updateTermDate(getDb(), id, values);
  else await addTermDate(getDb(), values);
  throw redirect("/term-dates?saved=1");
}

export default function TermDates() {
  const { terms, editing } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const years = [...new Set(terms.map((t) => t.academic_year))];
  return (
    <>
      <h1 className="govuk-heading-l">Term dates</h1>
      <p className="govuk-body">
        Sessions at a school on a day outside these terms, or at a weekend, get a warning that a
        lead can override with a reason. Half terms are holidays between terms.
      </p>
      {params.get("saved") ? (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          The term dates have been saved.
        </p>
      ) : null}
      {years.map((y) => (
        <Table
          key={y}
          caption={y}
          rows={terms.filter((t) => t.academic_year === y)}
          rowKey={(t) => t.id}
          columns={[
            { header: "Term", cell: (t) => t.name },
            { header: "First day", cell: (t) => formatDay(t.starts_on) },
            { header: "Last day", cell: (t) => formatDay(t.ends_on) },
            {
              header: <span className="govuk-visually-hidden">Actions</span>,
              cell: (t) => (
                <>
                  <a className="govuk-link" href={`/term-dates?edit=${t.id}#term-form`}>
                    Change
                    <span className="govuk-visually-hidden">
                      {" "}
                      {t.name} {y}
                    </span>
                  </a>
                  <Form className="govuk-!-display-inline govuk-!-margin-left-2">
                    <input type="hidden" name="id" value={t.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="delete"
                      className="govuk-button govuk-button--secondary govuk-!-margin-0 govuk-!-padding-1"
                    >
                      Delete
                      <span className="govuk-visually-hidden">
                        {" "}
                        {t.name} {y}
                      </span>
                    </button>
                  </Form>
                </>
              ),
            },
          ]}
        />
      ))}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m" id="term-form">
            {editing ? `Change ${editing.name} ${editing.academic_year}` : "Add a term"}
          </h2>
          <ErrorSummary reply={reply} />
          <Form reply={reply} key={editing?.id ?? "new"}>
            {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
            <TextInput
              name="academicYear"
              label="Academic year"
              hint="For example 2027-28"
              width="5"
              defaultValue={editing?.academic_year}
            />
            <TextInput
              name="name"
              label="Term"
              hint="For example Autumn 1"
              width="10"
              defaultValue={editing?.name}
            />
            <DateInput name="startsOn" label="First day" defaultValue={editing?.starts_on} />
            <DateInput name="endsOn" label="Last day" defaultValue={editing?.ends_on} />
            <Button name="intent" value={editing ? "save" : "add"}>
              {editing ? "Save the term" : "Add the term"}
            </Button>
          </Form>
        </div>
      </div>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form as PlainForm, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, Checkboxes, ErrorSummary, Form, Radios, TextInput } from "~/components/form";
import { pageTitle, SummaryList } from "~/components/page";
import { getDb } from "~/db/db.server";
import { QuestionnaireEditSchema } from "~/feedback/questionnaire-schemas";
import {
  addItem,
  getQuestionnaire,
  moveItem,
  removeItem,
  updateItemText,
  updateQuestionnaire,
} from "~/feedback/questionnaires.server";
import { ITEM_KINDS, scaleFor } from "~/feedback/scales";
import { notFound } from "~/utils/errors.server";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { Table } from "~/components/table";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? data.questionnaire.name : "Questionnaire");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const q = await getQuestionnaire(getDb(), idParam(params.id));
  if (!q) notFound("questionnaire");
  const edit = new URL(request.url).searchParams.get("edit");
  return {
    questionnaire: { id: q.id, name: q.name, style: q.style, archived: !!q.archived_at },
    items: q.items.map((i) => ({ id: i.id, kind: i.kind, text: i.text })),
    editing: q.items.some((i) => i.id === edit) ? edit : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, "programme:manage");
  const db = getDb();
  const q = await getQuestionnaire(db, idParam(params.id));
  if (!q) notFound("questionnaire");
  const submission = parseForm(await readForm(request), QuestionnaireEditSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  if (v.intent === "details")
    await updateQuestionnaire(db, q.id, {
      name: v.name,
      style: v.style,
      archived: v.archived === "on",
    });
  else if (v.intent === "add-item") await addItem(db, q.id, { kind: v.kind, text: v.text });
  else if (v.intent === "edit-item") await updateItemText(db, q.id, v.itemId, v.text);
  else if (v.intent === "remove-item") await removeItem(db, q.id, v.itemId);
  else await moveItem(db, q.id, v.itemId, v.intent === "move-up" ? "up" : "down");
  throw redirect(`/admin/questionnaires/${q.id}`);
}

const KIND_LABEL: Record<string, string> = {
  before_after: "Before and after",
  satisfaction: "Satisfaction",
  free_text: "Free text",
};

export default function QuestionnairePage() {
  const { questionnaire: q, items, editing } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const intent = (reply?.initialValue as Record<string, unknown> | undefined)?.intent;
  const scale = scaleFor(q.style, "before_after");
  return (
    <>
      <Link className="govuk-back-link" to="/admin/questionnaires">
        Back to questionnaires
      </Link>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">Feedback questionnaire</span>
      <h1 className="govuk-heading-l">{q.name}</h1>
      <SummaryList
        rows={[
          {
            key: "Who answers it",
            value: q.style === "pupil" ? "Pupils: plain words and a picture scale" : "Adults",
          },
          { key: "Scale", value: scale.map((o) => `${o.value} ${o.label}`).join(" · ") },
        ]}
      />

      <Table
        caption="Questions, in the order people see them"
        rows={items}
        rowKey={(item) => item.id}
        columns={[
          {
            header: "Question",
            cell: (item) =>
              editing === item.id ? (
                <Form reply={intent === "edit-item" ? reply : undefined}>
                  <input type="hidden" name="intent" value="edit-item" />
                  <input type="hidden" name="itemId" value={item.id} />
                  <TextInput
                    name="text"
                    label="Wording"
                    defaultValue={item.text}
                    hint="Fix wording only: to ask something different, add a new question and remove this one."
                  />
                  <Button secondary>Save wording</Button>
                </Form>
              ) : (
                item.text
              ),
          },
          { header: "Type", cell: (item) => KIND_LABEL[item.kind] },
          {
            header: <span className="govuk-visually-hidden">Actions</span>,
            cell: (item, i) => (
              <PlainForm method="post" style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
                <input type="hidden" name="itemId" value={item.id} />
                {editing !== item.id ? (
                  <Link
                    className="govuk-link"
                    to={`?edit=${item.id}`}
                    aria-label={`Change wording of “${item.text}”`}
                  >
                    Change
                  </Link>
                ) : null}
                {i > 0 ? (
                  <button
                    className="govuk-button govuk-button--secondary govuk-!-margin-0"
                    name="intent"
                    value="move-up"
                    aria-label={`Move “${item.text}” up`}
                  >
                    Up
                  </button>
                ) : null}
                {i < items.length - 1 ? (
                  <button
                    className="govuk-button govuk-button--secondary govuk-!-margin-0"
                    name="intent"
                    value="move-down"
                    aria-label={`Move “${item.text}” down`}
                  >
                    Down
                  </button>
                ) : null}
                <button
                  className="govuk-button govuk-button--warning govuk-!-margin-0"
                  name="intent"
                  value="remove-item"
                  aria-label={`Remove “${item.text}”`}
                >
                  Remove
                </button>
              </PlainForm>
            ),
          },
        ]}
      />

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Add a question</h2>
          {/* Keyed by the number of questions, so the form empties once one is added. */}
          <Form key={items.length} reply={intent === "add-item" ? reply : undefined}>
            <input type="hidden" name="intent" value="add-item" />
            <Radios name="kind" label="Type of question" options={ITEM_KINDS} />
            <TextInput
              name="text"
              label="Wording"
              hint={
                q.style === "pupil"
                  ? "Use plain words a pupil would say, like “I know who I can talk to if I am worried”."
                  : "A statement people agree or disagree with, or a question."
              }
            />
            <Button secondary>Add question</Button>
          </Form>

          <h2 className="govuk-heading-m">Name and style</h2>
          <Form reply={intent === "details" ? reply : undefined}>
            <input type="hidden" name="intent" value="details" />
            <TextInput name="name" label="Name" defaultValue={q.name} />
            <Radios
              name="style"
              label="Who answers it?"
              defaultValue={q.style}
              options={[
                { value: "standard", label: "Adults" },
                { value: "pupil", label: "Pupils: plain words and a picture scale" },
              ]}
            />
            <Checkboxes
              name="archived"
              label="Archive"
              options={[{ value: "on", label: "Archived: no longer offered for new offerings" }]}
              defaultValue={q.archived ? ["on"] : []}
            />
            <Button secondary>Save name and style</Button>
          </Form>
        </div>
      </div>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, TextInput, Textarea } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { deleteHelpContact, listHelpContacts, updateHelpContact } from "~/learning/help.server";
import { ContactSchema } from "~/learning/schemas";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Change ${data.contact.name}` : "Change contact");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAnyPermission(request, ["learning:author", "learning:oversee:any"]);
  const id = idParam(params.contactId);
  const contact = (await listHelpContacts(getDb())).find((c) => c.id === id);
  if (!contact) throw new Response("We could not find that contact.", { status: 404 });
  return { contact };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireAnyPermission(request, ["learning:author", "learning:oversee:any"]);
  const id = idParam(params.contactId);
  const form = await readForm(request);
  if (form.get("intent") === "delete") {
    await deleteHelpContact(getDb(), user.id, id);
    throw redirect("/learning/help?saved=1");
  }
  const submission = parseForm(form, ContactSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  await call(() =>
    updateHelpContact(getDb(), user.id, id, {
      name: v.name,
      description: v.description,
      phone: v.phone || null,
      url: v.url || null,
    }),
  );
  throw redirect("/learning/help?saved=1");
}

export default function ChangeContact() {
  const { contact } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <Link className="govuk-back-link" to="/learning/help">
        Back to contacts
      </Link>
      <ErrorSummary reply={reply} />
      <h1 className="govuk-heading-l">Change {contact.name}</h1>
      <Form reply={reply}>
        <TextInput name="name" label="Name of the service" defaultValue={contact.name} />
        <Textarea
          name="description"
          label="What it offers and who it is for"
          defaultValue={contact.description}
          rows={3}
        />
        <TextInput
          name="phone"
          label="Phone number (optional)"
          type="tel"
          width="20"
          defaultValue={contact.phone ?? ""}
        />
        <TextInput
          name="url"
          label="Website (optional)"
          type="url"
          defaultValue={contact.url ?? ""}
          hint="Starting with https://"
        />
        <div className="govuk-button-group">
          <Button name="intent" value="save">
            Save changes
          </Button>
          <Button warning name="intent" value="delete">
            Remove this contact
          </Button>
        </div>
      </Form>
    </>
  );
}

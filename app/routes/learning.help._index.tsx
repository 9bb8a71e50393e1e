import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAnyPermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, TextInput, Textarea } from "~/components/form";
import { NotificationBanner, pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { addHelpContact, listHelpContacts } from "~/learning/help.server";
import { ContactSchema } from "~/learning/schemas";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { Table } from "~/components/table";

export const meta: MetaFunction = () => pageTitle("Where to get help: contacts");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnyPermission(request, ["learning:author", "learning:oversee:any"]);
  return { contacts: await listHelpContacts(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireAnyPermission(request, ["learning:author", "learning:oversee:any"]);
  const submission = parseForm(await readForm(request), ContactSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  await addHelpContact(getDb(), user.id, {
    name: v.name,
    description: v.description,
    phone: v.phone || null,
    url: v.url || null,
  });
  throw redirect("/learning/help?saved=1");
}

export default function HelpContacts() {
  const { contacts } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("saved") ? <NotificationBanner heading="The contacts have been saved." /> : null}
      <ErrorSummary reply={reply} />
      <h1 className="govuk-heading-l">Where to get help: contacts</h1>
      <p className="govuk-body">
        These contacts appear at the bottom of every e-learning page. Check them at least once a
        year.
      </p>
      <Table
        caption="Contacts shown now"
        rows={contacts}
        rowKey={(c) => c.id}
        columns={[
          {
            header: "Service",
            cell: (c) => (
              <>
                <strong>{c.name}</strong>
                <br />
                <span className="govuk-body-s">{c.description}</span>
              </>
            ),
          },
          { header: "Phone", cell: (c) => c.phone ?? "None" },
          { header: "Website", cell: (c) => c.url ?? "None" },
          {
            header: <span className="govuk-visually-hidden">Actions</span>,
            cell: (c) => (
              <Link className="govuk-link" to={`/learning/help/${c.id}`}>
                Change<span className="govuk-visually-hidden"> {c.name}</span>
              </Link>
            ),
          },
        ]}
      />
      <h2 className="govuk-heading-m">Add a contact</h2>
      <Form reply={reply}>
        <TextInput name="name" label="Name of the service" />
        <Textarea name="description" label="What it offers and who it is for" rows={3} />
        <TextInput name="phone" label="Phone number (optional)" type="tel" width="20" />
        <TextInput
          name="url"
          label="Website (optional)"
          type="url"
          hint="For example, https://www.childline.org.uk/"
        />
        <Button name="intent" value="add">
          Add contact
        </Button>
      </Form>
    </>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DateInput } from "~/components/date-input";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guard.server";
import { Button, ErrorSummary, Form, Select } from "~/components/form";
import { pageTitle } from "~/components/page";
import { getDb } from "~/db/db.server";
import { BackLink } from "~/sessions/components";
import { setTrainerBase, trainerBaseForm } from "~/sessions/availability.server";
import { getTrainer, updateCompliance } from "~/sessions/scheduling.server";
import { ComplianceSchema } from "~/sessions/schemas";
import { notFound } from "~/utils/errors.server";
import { invalidForm, parseForm, problemReply, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { idParam } from "~/utils/params";

export const meta: MetaFunction = () => pageTitle("A trainer's checks");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "booking:schedule:any");
  const trainer = await getTrainer(getDb(), idParam(params.id));
  if (!trainer) notFound("trainer");
  return { trainer, base: await trainerBaseForm(getDb(), trainer.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "booking:schedule:any");
  const trainer = await getTrainer(getDb(), idParam(params.id));
  if (!trainer) notFound("trainer");
  const submission = parseForm(await readForm(request), ComplianceSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const values = {
    dbsCheckedOn: v.dbsCheckedOn ?? null,
    dbsExpiresOn: v.dbsExpiresOn ?? null,
    safeguardingTrainedOn: v.safeguardingTrainedOn ?? null,
    safeguardingExpiresOn: v.safeguardingExpiresOn ?? null,
  };
  const by = { actorUserId: user.id, ip: clientIp(request) };
  // The base is checked (and saved) first, so a district not on the list comes back on the form
  // with nothing else written.
  const base = await setTrainerBase(getDb(), trainer.id, v.baseDistrictId || null, by);
  if (!base.ok) return problemReply(submission, base);
  await updateCompliance(getDb(), trainer.id, values, by);
  throw redirect("/trainers?saved=1");
}

export default function TrainerChecks() {
  const { trainer, base } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/trainers">Trainers&apos; checks</BackLink>
        <ErrorSummary reply={reply} />
        <span className="govuk-caption-l">{trainer.organisation_name}</span>
        <h1 className="govuk-heading-l">{trainer.name}&apos;s checks</h1>
        <Form reply={reply}>
          <h2 className="govuk-heading-m">Enhanced DBS check</h2>
          <DateInput
            name="dbsCheckedOn"
            label="Date of the check"
            defaultValue={trainer.dbs_checked_on}
          />
          <DateInput
            name="dbsExpiresOn"
            label="Runs out on"
            hint="St Giles Trust renews DBS checks every three years"
            defaultValue={trainer.dbs_expires_on}
          />
          <h2 className="govuk-heading-m">Safeguarding training</h2>
          <DateInput
            name="safeguardingTrainedOn"
            label="Date of the training"
            defaultValue={trainer.safeguarding_trained_on}
          />
          <DateInput
            name="safeguardingExpiresOn"
            label="Runs out on"
            defaultValue={trainer.safeguarding_expires_on}
          />
          <h2 className="govuk-heading-m">Where they are based</h2>
          <Select
            name="baseDistrictId"
            label="District"
            hint="When scheduling, free trainers nearest the venue are listed first"
            placeholder="Not recorded"
            defaultValue={base.districtId}
            options={base.districts.map((d) => ({ value: d.id, label: d.name }))}
          />
          <Button>Save the checks</Button>
        </Form>
      </div>
    </div>
  );
}

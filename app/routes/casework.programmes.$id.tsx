import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCasework } from "~/casework/access.server";
import {
  addCharacteristic,
  programmeForManager,
  retireCharacteristic,
  updateProgrammeSettings,
} from "~/casework/programmes.server";
import { ProgrammeIntentSchema } from "~/casework/schemas";
import { Button, ErrorSummary, Form, TextInput } from "~/components/form";
import { NotificationBanner, pageTitle, Tag } from "~/components/page";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { invalidForm, parseForm, readForm } from "~/utils/forms.server";
import { clientIp } from "~/utils/request.server";
import { Table } from "~/components/table";

// One casework programme's settings and targets, and the characteristics its assessments score
// (added and retired here, like a questionnaire's statements; never reworded). Cleared managers only.
export const meta: MetaFunction = () => pageTitle("Casework programme");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCasework(request, ["manager"]);
  const { programme, items } = await call(() => programmeForManager(getDb(), idParam(params.id)));
  return {
    programme,
    items,
    saved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await requireCasework(request, ["manager"]);
  const id = idParam(params.id);
  const db = getDb();
  await call(() => programmeForManager(db, id));
  const submission = parseForm(await readForm(request), ProgrammeIntentSchema);
  if (submission.status !== "success") return invalidForm(submission.reply());
  const v = submission.value;
  const ip = clientIp(request);
  if (v.intent === "settings")
    await call(() => updateProgrammeSettings(db, viewer.userId, id, v, ip));
  else if (v.intent === "add") await call(() => addCharacteristic(db, viewer.userId, id, v, ip));
  else await call(() => retireCharacteristic(db, viewer.userId, id, v.itemId, ip));
  throw redirect(`/casework/programmes/${id}?saved=1`);
}

export default function CaseworkProgramme() {
  const { programme: p, items, saved } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <Link to="/casework/programmes" className="govuk-back-link">
        Casework programmes
      </Link>
      {saved ? <NotificationBanner title="Saved" heading="Your changes have been saved" /> : null}
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{p.area}</span>
      <h1 className="govuk-heading-l">{p.name}</h1>
      <h2 className="govuk-heading-m">Characteristics assessed</h2>
      <p className="govuk-body">
        Each is scored 1 (serious concern) to 5 (thriving). Retire one rather than rewording it, so
        past scores keep their meaning.
      </p>
      <Table
        caption="Characteristics, in order"
        captionSize="s"
        rows={items}
        rowKey={(i) => i.id}
        columns={[
          {
            header: "Characteristic",
            cell: (i) => (
              <>
                {i.label}
                {i.hint ? (
                  <span className="govuk-body-s govuk-!-display-block">{i.hint}</span>
                ) : null}
              </>
            ),
          },
          {
            header: "Status",
            cell: (i) =>
              i.retired_at ? (
                <Tag colour="grey">Retired</Tag>
              ) : (
                <Form>
                  <input type="hidden" name="intent" value="retire" />
                  <input type="hidden" name="itemId" value={i.id} />
                  <Button secondary>
                    Retire
                    <span className="govuk-visually-hidden"> {i.label}</span>
                  </Button>
                </Form>
              ),
          },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Form reply={reply} key={`add-${items.length}`}>
            <input type="hidden" name="intent" value="add" />
            <TextInput name="label" label="Add a characteristic" />
            <TextInput
              name="hint"
              label="Hint (optional)"
              hint="What a high score means, in a few words."
            />
            <Button secondary>Add characteristic</Button>
          </Form>
          <h2 className="govuk-heading-m">Settings and targets</h2>
          <Form reply={reply}>
            <input type="hidden" name="intent" value="settings" />
            <TextInput
              name="assessmentIntervalWeeks"
              label="Weeks between assessments"
              type="number"
              inputMode="numeric"
              width="4"
              defaultValue={p.assessment_interval_weeks}
            />
            <TextInput
              name="quietWeeks"
              label="Weeks without an attended contact before a case is flagged quiet"
              type="number"
              inputMode="numeric"
              width="4"
              defaultValue={p.quiet_weeks}
            />
            <TextInput
              name="missedContactDays"
              label="Days of missed contacts before the manager is told"
              type="number"
              inputMode="numeric"
              width="4"
              defaultValue={p.missed_contact_days}
            />
            <TextInput
              name="parentConsentUnderAge"
              label="A parent's or carer's consent is needed below this age (optional)"
              hint="Leave empty if the young person's own consent is always enough."
              type="number"
              inputMode="numeric"
              width="4"
              defaultValue={p.parent_consent_under_age}
            />
            <TextInput
              name="retainUntilAge"
              label="Keep case files until the young person's birthday at this age"
              type="number"
              inputMode="numeric"
              width="4"
              defaultValue={p.retain_until_age}
            />
            <TextInput
              name="targetYoungPeople"
              label="Target: young people supported (optional)"
              type="number"
              inputMode="numeric"
              width="5"
              defaultValue={p.target_young_people}
            />
            <TextInput
              name="targetExitedPercent"
              label="Target: percentage of closed cases exited from exploitation (optional)"
              type="number"
              inputMode="numeric"
              width="3"
              defaultValue={p.target_exited_percent}
            />
            <TextInput
              name="targetLowerRiskPercent"
              label="Target: percentage of closed cases with lower risk (optional)"
              type="number"
              inputMode="numeric"
              width="3"
              defaultValue={p.target_lower_risk_percent}
            />
            <TextInput
              name="targetEetPercent"
              label="Target: percentage of closed cases in education, employment or training (optional)"
              type="number"
              inputMode="numeric"
              width="3"
              defaultValue={p.target_eet_percent}
            />
            <Button>Save settings</Button>
          </Form>
        </div>
      </div>
    </>
  );
}

import type { Queryable } from "~/db/db.server";
import type { Audience, Format, SchoolPhase } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { audienceLabel } from "./audiences";

// What can be booked: an offering belongs to a programme and has an audience, a format, a length,
// a capacity, the questionnaire its feedback uses, and (for extended group work) a series length.

export interface OfferingInput {
  programmeId: string;
  title: string;
  description: string | null;
  audience: Audience;
  format: Format;
  durationMinutes: number;
  capacity: number;
  questionnaireId: string | null;
  seriesLength: number;
  seriesIntervalDays: number;
  openToPublic: boolean;
  /** Which schools' request form offers it; null for every school. */
  schoolPhase?: SchoolPhase | null;
}

export async function listOfferings(
  db: Queryable,
  opts: { includeArchived?: boolean; programmeId?: string } = {},
) {
  let q = db
    .selectFrom("offerings")
    .innerJoin("programmes", "programmes.id", "offerings.programme_id")
    .innerJoin("audiences", "audiences.name", "offerings.audience")
    .innerJoin("formats", "formats.name", "offerings.format")
    .leftJoin("questionnaires", "questionnaires.id", "offerings.questionnaire_id")
    .select([
      "offerings.id",
      "offerings.title",
      "offerings.audience",
      "offerings.format",
      "offerings.duration_minutes",
      "offerings.capacity",
      "offerings.series_length",
      "offerings.series_interval_days",
      "offerings.open_to_public",
      "offerings.school_phase",
      "offerings.description",
      "offerings.archived_at",
      "offerings.programme_id",
      "programmes.name as programme_name",
      "formats.label as format_label",
      "questionnaires.name as questionnaire_name",
    ])
    .orderBy("programmes.name")
    .orderBy("audiences.sort_order")
    .orderBy("offerings.title");
  if (!opts.includeArchived) q = q.where("offerings.archived_at", "is", null);
  if (opts.programmeId) q = q.where("offerings.programme_id", "=", opts.programmeId);
  // Labels from the one module that names audiences, not the table's copy.
  return (await q.execute()).map((o) => ({ ...o, audience_label: audienceLabel(o.audience) }));
}

export async function getOffering(db: Queryable, id: string) {
  return db.selectFrom("offerings").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listQuestionnaires(db: Queryable) {
  return db
    .selectFrom("questionnaires")
    .select(["id", "name", "style"])
    .where("archived_at", "is", null)
    .orderBy("name")
    .execute();
}

function row(input: OfferingInput) {
  return {
    programme_id: input.programmeId,
    title: input.title,
    description: input.description,
    audience: input.audience,
    format: input.format,
    duration_minutes: input.durationMinutes,
    capacity: input.capacity,
    questionnaire_id: input.questionnaireId,
    series_length: input.seriesLength,
    series_interval_days: input.seriesIntervalDays,
    open_to_public: input.openToPublic ? 1 : 0,
    school_phase: input.schoolPhase ?? null,
  };
}

/** A programme or questionnaire the form names that does not exist: the field and message, or null. */
export async function offeringReferenceError(
  db: Queryable,
  input: Pick<OfferingInput, "programmeId" | "questionnaireId">,
) {
  if (
    !(await db
      .selectFrom("programmes")
      .select("id")
      .where("id", "=", input.programmeId)
      .executeTakeFirst())
  )
    return { field: "programmeId", message: "Choose the programme" };
  if (
    input.questionnaireId &&
    !(await db
      .selectFrom("questionnaires")
      .select("id")
      .where("id", "=", input.questionnaireId)
      .executeTakeFirst())
  ) {
    return { field: "questionnaireId", message: "Choose a questionnaire from the list" };
  }
  return null;
}

export async function createOffering(db: Queryable, input: OfferingInput) {
  const id = newId();
  const t = nowIso();
  await db
    .insertInto("offerings")
    .values({ id, ...row(input), archived_at: null, created_at: t, updated_at: t })
    .execute();
  return id;
}

export async function updateOffering(db: Queryable, id: string, input: OfferingInput) {
  await db
    .updateTable("offerings")
    .set({ ...row(input), updated_at: nowIso() })
    .where("id", "=", id)
    .execute();
}

export async function setOfferingArchived(db: Queryable, id: string, archived: boolean) {
  const t = nowIso();
  await db
    .updateTable("offerings")
    .set({ archived_at: archived ? t : null, updated_at: t })
    .where("id", "=", id)
    .execute();
}

/** The offerings a school can request (not archived), grouped by the caller. */
export async function bookableOfferings(db: Queryable) {
  return listOfferings(db);
}

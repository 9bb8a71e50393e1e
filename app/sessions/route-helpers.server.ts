import type { z } from "zod";
import type { Audience } from "~/db/schema";
import type { ProgrammeInput } from "./programmes.server";
import { AUDIENCE_NAMES, type ProgrammeSchema } from "./schemas";

// Small conversions from parsed forms to capability inputs, shared by the routes.
export function programmeInput(v: z.infer<typeof ProgrammeSchema>): ProgrammeInput {
  const values = v as unknown as Record<string, number | undefined>;
  const targets = AUDIENCE_NAMES.filter(
    (a) => values[`sessions_${a}`] !== undefined || values[`people_${a}`] !== undefined,
  ).map((a) => ({
    audience: a as Audience,
    sessions: values[`sessions_${a}`] ?? 0,
    people: values[`people_${a}`] ?? 0,
  }));
  return {
    name: v.name,
    description: v.description || null,
    deliveryPartnerId: v.deliveryPartnerId || null,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    targets,
  };
}

import type { OfferingInput } from "./offerings.server";
import type { OfferingSchema } from "./schemas";
import type { Format } from "~/db/schema";
import type { Queryable } from "~/db/db.server";
import { listAudiences, listFormats, listProgrammes } from "./programmes.server";
import { listQuestionnaires } from "./offerings.server";

export function offeringInput(v: z.infer<typeof OfferingSchema>): OfferingInput {
  return {
    programmeId: v.programmeId,
    title: v.title,
    description: v.description || null,
    audience: v.audience as Audience,
    format: v.format as Format,
    durationMinutes: v.durationMinutes,
    capacity: v.capacity,
    questionnaireId: v.questionnaireId || null,
    seriesLength: v.seriesLength,
    seriesIntervalDays: v.seriesIntervalDays,
    openToPublic: v.openToPublic === "yes",
    schoolPhase: v.schoolPhase === "any" ? null : v.schoolPhase,
  };
}

export async function offeringFormData(db: Queryable) {
  return {
    programmes: (await listProgrammes(db)).map((p) => ({ id: p.id, name: p.name })),
    audiences: listAudiences(),
    formats: await listFormats(db),
    questionnaires: await listQuestionnaires(db),
  };
}

import { addDays, londonToday } from "~/utils/dates";
import { now } from "~/utils/clock.server";
import { formatDay } from "~/utils/dates";
import { listTrainers, trainersWithChecksDue } from "./scheduling.server";
import { schedulingSettings } from "./scope.server";

/** What a trainer's DBS and safeguarding-training dates need, in words; empty when nothing. */
function checksNeeded(
  t: { dbs_expires_on: string | null; safeguarding_expires_on: string | null },
  today: string,
  soon: string,
) {
  const notes: string[] = [];
  for (const [label, d] of [
    ["DBS", t.dbs_expires_on],
    ["safeguarding training", t.safeguarding_expires_on],
  ] as const) {
    if (!d) notes.push(`no ${label} recorded`);
    else if (d < today) notes.push(`${label} lapsed ${formatDay(d)}`);
    else if (d <= soon) notes.push(`${label} runs out ${formatDay(d)}`);
  }
  const hint = notes.join("; ");
  return hint && hint[0].toUpperCase() + hint.slice(1);
}

/** Today and the last day before which a check running out is worth a warning. */
async function checksWindow(db: Queryable) {
  const { complianceWarningDays } = await schedulingSettings(db);
  const today = londonToday(now());
  return { today, soon: addDays(today, complianceWarningDays) };
}

/** Trainers as checkbox options, each with their checks' state as a hint. */
export async function trainerOptions(db: Queryable) {
  const [trainers, { today, soon }] = await Promise.all([listTrainers(db), checksWindow(db)]);
  return trainers.map((t) => ({
    value: t.id,
    label: t.name,
    hint:
      checksNeeded(t, today, soon) ||
      `Checks valid (DBS to ${t.dbs_expires_on ? formatDay(t.dbs_expires_on) : "—"})`,
  }));
}

/** How many trainers the scheduling queue names in its warning; the rest are counted. */
export const CHECKS_NAMED = 5;

/**
 * Trainers whose checks have lapsed, run out soon or were never recorded, so a lead sees it before
 * they need them: the first few by name, and how many in all (at a hundred times the programme's
 * size the whole list was most of the queue's page; issue 16).
 */
export async function checksNeedingAttention(db: Queryable) {
  const { today, soon } = await checksWindow(db);
  const { rows, total } = await trainersWithChecksDue(db, soon, CHECKS_NAMED);
  return {
    named: rows.map((t) => ({ id: t.id, name: t.name, note: checksNeeded(t, today, soon) })),
    total,
  };
}

import { sessionsWithOffering } from "~/sessions/queries.server";
import type { Queryable } from "~/db/db.server";
import type { QuestionnaireItemsTable, QuestionnairesTable } from "~/db/schema";
import { nowIso } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";

// Questionnaire templates: statements asked before and after on a 1–5 scale, satisfaction and
// free text. Items are archived, never deleted, so past answers keep their statement.

export type ItemKind = QuestionnaireItemsTable["kind"];
export type QuestionnaireStyle = QuestionnairesTable["style"];

export async function listQuestionnaires(db: Queryable) {
  const rows = await db
    .selectFrom("questionnaires as q")
    .select((eb) => [
      "q.id",
      "q.name",
      "q.style",
      "q.archived_at",
      "q.updated_at",
      eb
        .selectFrom("questionnaire_items as i")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("i.questionnaire_id", "=", "q.id")
        .where("i.archived_at", "is", null)
        .as("items"),
      eb
        .selectFrom("offerings as o")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("o.questionnaire_id", "=", "q.id")
        .where("o.archived_at", "is", null)
        .as("offerings"),
    ])
    .orderBy("q.archived_at")
    .orderBy("q.name")
    .execute();
  return rows.map((r) => ({
    ...r,
    items: Number(r.items ?? 0),
    offerings: Number(r.offerings ?? 0),
  }));
}

export async function getQuestionnaire(db: Queryable, id: string) {
  const q = await db
    .selectFrom("questionnaires")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!q) return undefined;
  const items = await db
    .selectFrom("questionnaire_items")
    .selectAll()
    .where("questionnaire_id", "=", id)
    .where("archived_at", "is", null)
    .orderBy("position")
    .execute();
  return { ...q, items };
}

export async function createQuestionnaire(
  db: Queryable,
  input: { name: string; style: QuestionnaireStyle; copyFrom?: string | null },
) {
  const id = newId();
  const t = nowIso();
  await db
    .insertInto("questionnaires")
    .values({
      id,
      name: input.name,
      style: input.style,
      archived_at: null,
      created_at: t,
      updated_at: t,
    })
    .execute();
  if (input.copyFrom) {
    const source = await getQuestionnaire(db, input.copyFrom);
    for (const item of source?.items ?? []) {
      await db
        .insertInto("questionnaire_items")
        .values({
          id: newId(),
          questionnaire_id: id,
          position: item.position,
          kind: item.kind,
          text: item.text,
          archived_at: null,
        })
        .execute();
    }
  }
  return id;
}

export async function updateQuestionnaire(
  db: Queryable,
  id: string,
  input: { name: string; style: QuestionnaireStyle; archived: boolean },
) {
  await db
    .updateTable("questionnaires")
    .set({
      name: input.name,
      style: input.style,
      archived_at: input.archived ? nowIso() : null,
      updated_at: nowIso(),
    })
    .where("id", "=", id)
    .execute();
}

async function touch(db: Queryable, id: string) {
  await db
    .updateTable("questionnaires")
    .set({ updated_at: nowIso() })
    .where("id", "=", id)
    .execute();
}

export async function addItem(
  db: Queryable,
  questionnaireId: string,
  input: { kind: ItemKind; text: string },
) {
  const last = await db
    .selectFrom("questionnaire_items")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("questionnaire_id", "=", questionnaireId)
    .executeTakeFirst();
  await db
    .insertInto("questionnaire_items")
    .values({
      id: newId(),
      questionnaire_id: questionnaireId,
      position: Number(last?.p ?? 0) + 1,
      kind: input.kind,
      text: input.text,
      archived_at: null,
    })
    .execute();
  await touch(db, questionnaireId);
}

/** Changes wording only (a typo); the kind stays, so answers already given still mean the same. */
export async function updateItemText(
  db: Queryable,
  questionnaireId: string,
  itemId: string,
  text: string,
) {
  await db
    .updateTable("questionnaire_items")
    .set({ text })
    .where("id", "=", itemId)
    .where("questionnaire_id", "=", questionnaireId)
    .execute();
  await touch(db, questionnaireId);
}

export async function removeItem(db: Queryable, questionnaireId: string, itemId: string) {
  await db
    .updateTable("questionnaire_items")
    .set({ archived_at: nowIso() })
    .where("id", "=", itemId)
    .where("questionnaire_id", "=", questionnaireId)
    .execute();
  await touch(db, questionnaireId);
}

/** Swaps an item with its neighbour above or below. */
export async function moveItem(
  db: Queryable,
  questionnaireId: string,
  itemId: string,
  direction: "up" | "down",
) {
  const q = await getQuestionnaire(db, questionnaireId);
  if (!q) return;
  const i = q.items.findIndex((x) => x.id === itemId);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= q.items.length) return;
  const a = q.items[i];
  const b = q.items[j];
  await db
    .updateTable("questionnaire_items")
    .set({ position: b.position })
    .where("id", "=", a.id)
    .execute();
  await db
    .updateTable("questionnaire_items")
    .set({ position: a.position })
    .where("id", "=", b.id)
    .execute();
  await touch(db, questionnaireId);
}

/** The questionnaire a session uses: its offering's, or the standard one for its audience. */
export async function questionnaireIdForSession(db: Queryable, sessionId: string) {
  const row = await sessionsWithOffering(db)
    .select(["o.questionnaire_id", "o.audience"])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return row.questionnaire_id ?? (row.audience === "pupils" ? "q-pupil" : "q-standard");
}

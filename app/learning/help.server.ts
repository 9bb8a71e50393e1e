import type { Queryable } from "~/db/db.server";
import { nowIso } from "~/utils/clock.server";
import { AppError } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";

// "Where to get help": contacts shown on every learning page. Reference data from the migration,
// kept up to date by content authors and programme leads.

export interface HelpContactInput {
  name: string;
  description: string;
  phone: string | null;
  url: string | null;
}

export async function listHelpContacts(db: Queryable) {
  return db
    .selectFrom("learning_help_contacts")
    .select(["id", "name", "description", "phone", "url", "position"])
    .orderBy("position")
    .execute();
}

export async function updateHelpContact(
  db: Queryable,
  userId: string,
  id: string,
  input: HelpContactInput,
) {
  const res = await db
    .updateTable("learning_help_contacts")
    .set({ ...input, updated_by: userId, updated_at: nowIso() })
    .where("id", "=", id)
    .executeTakeFirst();
  if (!Number(res.numUpdatedRows))
    throw new AppError("not_found", "We could not find that contact.");
}

export async function addHelpContact(db: Queryable, userId: string, input: HelpContactInput) {
  const last = await db
    .selectFrom("learning_help_contacts")
    .select((eb) => eb.fn.max<number>("position").as("p"))
    .executeTakeFirst();
  const id = newId();
  await db
    .insertInto("learning_help_contacts")
    .values({
      id,
      position: Number(last?.p ?? 0) + 1,
      ...input,
      updated_by: userId,
      updated_at: nowIso(),
    })
    .execute();
  return id;
}

export async function deleteHelpContact(db: Queryable, id: string) {
  await db.deleteFrom("learning_help_contacts").where("id", "=", id).execute();
}

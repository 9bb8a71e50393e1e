import { audit } from "~/audit/audit.server";
import { writeTransaction, type DB, type Queryable } from "~/db/db.server";
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

// Each change to the help contacts is audited in the transaction that makes it.

export async function updateHelpContact(
  db: DB,
  userId: string,
  id: string,
  input: HelpContactInput,
) {
  await writeTransaction(db, async (tx) => {
    const res = await tx
      .updateTable("learning_help_contacts")
      .set({ ...input, updated_by: userId, updated_at: nowIso() })
      .where("id", "=", id)
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows))
      throw new AppError("not_found", "We could not find that contact.");
    await audit(tx, {
      actorUserId: userId,
      action: "learning.help_contact_changed",
      subjectType: "learning_help_contact",
      subjectId: id,
      detail: { name: input.name },
    });
  });
}

export async function addHelpContact(db: DB, userId: string, input: HelpContactInput) {
  return writeTransaction(db, async (tx) => {
    const last = await tx
      .selectFrom("learning_help_contacts")
      .select((eb) => eb.fn.max<number>("position").as("p"))
      .executeTakeFirst();
    const id = newId();
    await tx
      .insertInto("learning_help_contacts")
      .values({
        id,
        position: Number(last?.p ?? 0) + 1,
        ...input,
        updated_by: userId,
        updated_at: nowIso(),
      })
      .execute();
    await audit(tx, {
      actorUserId: userId,
      action: "learning.help_contact_added",
      subjectType: "learning_help_contact",
      subjectId: id,
      detail: { name: input.name },
    });
    return id;
  });
}

export async function deleteHelpContact(db: DB, userId: string, id: string) {
  await writeTransaction(db, async (tx) => {
    await tx.deleteFrom("learning_help_contacts").where("id", "=", id).execute();
    await audit(tx, {
      actorUserId: userId,
      action: "learning.help_contact_removed",
      subjectType: "learning_help_contact",
      subjectId: id,
    });
  });
}

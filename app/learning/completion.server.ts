import type { Queryable } from "~/db/db.server";

// Its own module (not in learn.server.ts) so that issuing a module's certificate
// (learning/certificates.server.ts) can read a completion without an import cycle through learn.

/**
 * The completion record certificates are issued from: who completed which module, which version,
 * when, and their best score. Null while the enrolment is not complete.
 */
export async function getCompletion(db: Queryable, enrolmentId: string) {
  const row = await db
    .selectFrom("learning_enrolments as e")
    .innerJoin("users as u", "u.id", "e.user_id")
    .innerJoin("learning_module_versions as v", "v.id", "e.version_id")
    .select([
      "e.id",
      "e.user_id",
      "u.name",
      "u.email",
      "e.module_id",
      "v.id as version_id",
      "v.title",
      "v.version",
      "e.completed_at",
      "e.best_score",
    ])
    .where("e.id", "=", enrolmentId)
    .executeTakeFirst();
  if (!row || !row.completed_at) return null;
  return {
    enrolmentId: row.id,
    holder: { userId: row.user_id, name: row.name, email: row.email },
    moduleId: row.module_id,
    moduleTitle: row.title,
    versionId: row.version_id,
    version: row.version,
    completedAt: row.completed_at,
    bestScore: row.best_score,
  };
}

export type Completion = NonNullable<Awaited<ReturnType<typeof getCompletion>>>;

import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requirePermission } from "~/auth/guard.server";
import { getDb } from "~/db/db.server";
import { call } from "~/utils/errors.server";
import { idParam } from "~/utils/params";
import { resumePath } from "~/learning/learn.server";

// "Continue": back to the lesson the learner was last on (or the quiz).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "learning:learn");
  const moduleId = idParam(params.moduleId);
  throw redirect(await call(() => resumePath(getDb(), user.id, moduleId)));
}

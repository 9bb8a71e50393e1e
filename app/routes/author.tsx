import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { has, requireUser } from "~/auth/guard.server";
import { getDb } from "~/db/db.server";
import { HelpPanel, QuickExit } from "~/learning/components";
import { listHelpContacts } from "~/learning/help.server";

// Every authoring page: the quick-exit button first, the "where to get help" panel last.
export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  return {
    help: await listHelpContacts(getDb()),
    canEditHelp: has(auth, "learning:author") || has(auth, "learning:oversee:any"),
  };
}

export default function AuthorLayout() {
  const { help, canEditHelp } = useLoaderData<typeof loader>();
  return (
    <>
      <QuickExit />
      <Outlet />
      <HelpPanel contacts={help} canEdit={canEditHelp} />
    </>
  );
}

import type { DB } from "~/db/db.server";
import { seedSessions } from "~/sessions/seed.server";
import { seedLearning } from "~/learning/seed.server";
import { seedCertificates } from "~/certificates/seed.server";
import type { SeedContext } from "./context";
import { seedFoundation } from "./foundation.server";
import { seedOpenSessions } from "~/sessions/open-seed.server";
import { seedCasework, seedCaseworkProgrammes } from "~/casework/seed.server";

// The demo seed, capability by capability, each given what the ones before it made.
// Each capability adds its step here (its seed function lives in app/<capability>/seed.server.ts).
export type { SeedContext };

export async function seedDemo(db: DB): Promise<SeedContext> {
  const foundation = await seedFoundation(db);
  const ctx: SeedContext = { foundation };
  // sessions: after foundation
  ctx.sessions = await seedSessions(db, foundation);

  // casework programmes and mentors: before the safeguarding records, whose SOS+ 1-2-1 referrals they receive
  const casework = await seedCaseworkProgrammes(db, ctx);

  // open sessions, feedback and safeguarding: after sessions (finds the "SOS+ Norfolk" programme, or makes it)
  await seedOpenSessions(db, ctx);

  // learning: after foundation
  await seedLearning(db, ctx);

  // certificates: after sessions and learning
  await seedCertificates(db, ctx);

  // casework: cases, contacts and assessments, after the safeguarding records
  await seedCasework(db, ctx, casework);

  return ctx;
}

import type { DB } from "~/db/db.server";
import { seedCertificates } from "~/certificates/seed.server";
import { seedFoundation, type FoundationSeed } from "./foundation.server";

// The demo seed, capability by capability, each given what the ones before it made.
// Each capability adds its step here (its seed function lives in app/<capability>/seed.server.ts).
export interface SeedContext {
  foundation: FoundationSeed;
}

export async function seedDemo(db: DB): Promise<SeedContext> {
  const foundation = await seedFoundation(db);
  const ctx: SeedContext = { foundation };
  // sessions: after foundation

  // learning: after foundation

  // certificates: after sessions and learning
  await seedCertificates(db, ctx);

  return ctx;
}

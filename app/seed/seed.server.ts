import type { DB } from "~/db/db.server";
import { seedFoundation, type FoundationSeed } from "./foundation.server";

// The demo seed, capability by capability, each given what the ones before it made.
export interface SeedContext {
  foundation: FoundationSeed;
}

export async function seedDemo(db: DB): Promise<SeedContext> {
  const foundation = await seedFoundation(db);
  const ctx: SeedContext = { foundation };
  return ctx;
}

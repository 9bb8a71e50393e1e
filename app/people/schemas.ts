import { z } from "zod";
import type { Role } from "~/db/schema";

const ROLES = [
  "programme_lead",
  "trainer",
  "school_coordinator",
  "organisation_manager",
  "learner",
  "content_author",
  "caseworker",
] as const satisfies readonly Role[];

export const RoleSchema = z.enum(ROLES, { error: "Choose a role" });

export const InviteSchema = z
  .object({
    email: z
      .string({ error: "Enter their email address" })
      .trim()
      .max(320)
      .email("Enter an email address in the correct format, like name@example.org"),
    organisationId: z.string({ error: "Choose an organisation" }).max(50),
    role: RoleSchema,
  })
  .strict();

export const AddMembershipSchema = z
  .object({
    intent: z.literal("add-role"),
    organisationId: z.string({ error: "Choose an organisation" }).max(50),
    role: RoleSchema,
  })
  .strict();

export const PeopleFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  organisation: z.string().max(50).optional().catch(undefined),
  /** Part of an organisation's name, where there are too many organisations to choose from. */
  organisationName: z.string().trim().max(100).optional().catch(undefined),
  role: RoleSchema.optional().catch(undefined),
  status: z.enum(["active", "disabled"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
});

export const MembershipChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("change-role"), role: RoleSchema }).strict(),
  z
    .object({
      intent: z.literal("clearance"),
      cleared: z.enum(["yes", "no"], { error: "Choose yes or no" }),
    })
    .strict(),
  z.object({ intent: z.literal("remove") }).strict(),
]);

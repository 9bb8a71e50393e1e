import { z } from "zod";

// zod schemas for the sign-in forms. Strict: an unexpected field is refused, not ignored.
export const SignInSchema = z
  .object({
    email: z.string({ error: "Enter your email address" }).trim().max(320).email("Enter an email address in the correct format, like name@example.org"),
    password: z.string({ error: "Enter your password" }).max(256, "Password must be 256 characters or fewer"),
    redirectTo: z.string().max(2000).optional(),
  })
  .strict();

export const ForgotPasswordSchema = z
  .object({
    email: z.string({ error: "Enter your email address" }).trim().max(320).email("Enter an email address in the correct format, like name@example.org"),
  })
  .strict();

export const NewPasswordSchema = z
  .object({
    password: z.string({ error: "Enter a new password" }).max(256, "Password must be 256 characters or fewer"),
  })
  .strict();

export const AcceptInvitationSchema = z
  .object({
    name: z.string().trim().max(200, "Name must be 200 characters or fewer").optional(),
    password: z.string({ error: "Enter a password" }).max(256, "Password must be 256 characters or fewer"),
  })
  .strict();

export const FirstLeadSchema = z
  .object({
    organisationName: z.string({ error: "Enter your organisation's name" }).trim().min(1).max(200),
    name: z.string({ error: "Enter your full name" }).trim().min(1).max(200),
    email: z.string({ error: "Enter your email address" }).trim().max(320).email("Enter an email address in the correct format, like name@example.org"),
    password: z.string({ error: "Enter a password" }).max(256),
  })
  .strict();

import { z } from "zod";

// zod schemas for the sign-in forms. Strict: an unexpected field is refused, not ignored.
export const SignInSchema = z
  .object({
    email: z
      .string({ error: "Enter your email address" })
      .trim()
      .max(320)
      .email("Enter an email address in the correct format, like name@example.org"),
    password: z
      .string({ error: "Enter your password" })
      .max(256, "Password must be 256 characters or fewer"),
    redirectTo: z.string().max(2000).optional(),
  })
  .strict();

export const ForgotPasswordSchema = z
  .object({
    email: z
      .string({ error: "Enter your email address" })
      .trim()
      .max(320)
      .email("Enter an email address in the correct format, like name@example.org"),
  })
  .strict();

export const NewPasswordSchema = z
  .object({
    password: z
      .string({ error: "Enter a new password" })
      .max(256, "Password must be 256 characters or fewer"),
  })
  .strict();

export const ChangePasswordSchema = z
  .object({
    current: z
      .string({ error: "Enter your current password" })
      .max(256, "Password must be 256 characters or fewer"),
    password: z
      .string({ error: "Enter a new password" })
      .max(256, "Password must be 256 characters or fewer"),
  })
  .strict();

export const AcceptInvitationSchema = z
  .object({
    name: z.string().trim().max(200, "Name must be 200 characters or fewer").optional(),
    password: z
      .string({ error: "Enter a password" })
      .max(256, "Password must be 256 characters or fewer"),
  })
  .strict();

export const FirstLeadSchema = z
  .object({
    organisationName: z.string({ error: "Enter your organisation's name" }).trim().min(1).max(200),
    name: z.string({ error: "Enter your full name" }).trim().min(1).max(200),
    email: z
      .string({ error: "Enter your email address" })
      .trim()
      .max(320)
      .email("Enter an email address in the correct format, like name@example.org"),
    password: z.string({ error: "Enter a password" }).max(256),
  })
  .strict();

/** A 6-digit code from an authenticator app, or a recovery code (xxxxx-xxxxx). */
const secondFactorCode = z
  .string({ error: "Enter the code from your authenticator app" })
  .trim()
  .min(1, "Enter the code from your authenticator app")
  .max(32, "Enter the 6-digit code from your authenticator app, or a recovery code")
  .regex(
    /^[0-9A-Za-z\s-]+$/,
    "Enter the 6-digit code from your authenticator app, or a recovery code",
  );

export const TwoFactorSchema = z
  .object({ code: secondFactorCode, redirectTo: z.string().max(2000).optional() })
  .strict();

export const TwoFactorSetupSchema = z
  .object({
    code: z
      .string({ error: "Enter the 6-digit code from your authenticator app" })
      .trim()
      .regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app"),
    redirectTo: z.string().max(2000).optional(),
  })
  .strict();

export const AccountActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("sign-out-everywhere") }).strict(),
    z.object({ intent: z.literal("new-recovery-codes"), code: secondFactorCode }).strict(),
    z.object({ intent: z.literal("turn-off-two-factor"), code: secondFactorCode }).strict(),
  ],
  { error: "Choose what to do" },
);

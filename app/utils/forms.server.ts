import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { nestDateParts } from "./date-input";
import type { FormProblem } from "./errors.server";

// Field names our forms use: words, optionally with `.key` and `[n]` parts as Conform writes them.
const FIELD_NAME = /^[A-Za-z_$][\w$-]*(?:\[\d*\]|\.[A-Za-z_$][\w$-]*)*$/;
// Longer than any of our names; a name nested thousands deep (`a[0][0]…`) overflowed Conform's
// parser (issue 11, finding 13). The edge refuses these in urlencoded bodies; this catches multipart.
const MAX_FIELD_NAME_LENGTH = 200;
const POISON_SEGMENT = /(?:^|[.[])(?:__proto__|constructor|prototype)(?:$|[.[\]])/;

/**
 * Conform silently drops field names it cannot parse (`__proto__`, `a..b`, `x]`, ""), so a strict
 * schema never sees them. Lantern refuses them instead: no form of ours sends such a name.
 */
export function unsafeFieldNames(formData: FormData): string[] {
  return [...new Set(formData.keys())].filter(
    (k) => k.length > MAX_FIELD_NAME_LENGTH || !FIELD_NAME.test(k) || POISON_SEGMENT.test(k),
  );
}

// One way to read a form: zod parses it (through Conform, which understands FormData's
// repeated fields and empty strings), and a failure goes back as `submission.reply()` with 400.
export function parseForm<Schema extends z.ZodType>(formData: FormData, schema: Schema) {
  if (unsafeFieldNames(formData).length) {
    throw new Response("The form had fields Lantern does not accept. Go back and try again.", {
      status: 400,
    });
  }
  // GOV.UK date inputs post `x-day`, `x-month`, `x-year`; the schema reads them as one `x`.
  return parseWithZod(nestDateParts(formData), { schema });
}

/**
 * For forms that are only a button (an `intent`, perhaps an id): parsed strictly like any other,
 * and anything else, including a field the form does not have, is a 400.
 */
export function parseButtonForm<Schema extends z.ZodType>(
  formData: FormData,
  schema: Schema,
): z.infer<Schema> {
  const submission = parseForm(formData, schema);
  if (submission.status !== "success")
    throw new Response("The form could not be read. Go back and try again.", { status: 400 });
  return submission.value as z.infer<Schema>;
}

export type FormReply = ReturnType<ReturnType<typeof parseForm>["reply"]>;

/** 400 with the field errors, and the values entered so the page can show them again. */
export function invalidForm(reply: FormReply, init: { headers?: HeadersInit } = {}) {
  return data(reply, { status: 400, headers: init.headers });
}

/**
 * A reply carrying an error the schema could not know (a clash, a wrong password, an expired link),
 * attached to a field or, with field "", to the form as a whole.
 */
export function formError<Schema extends z.ZodType>(
  submission: ReturnType<typeof parseForm<Schema>>,
  field: string,
  message: string,
  status = 400,
  headers?: HeadersInit,
) {
  const reply = field
    ? submission.reply({ fieldErrors: { [field]: [message] } })
    : submission.reply({ formErrors: [message] });
  return data(reply, { status, headers });
}

/** The reply for a FormProblem a capability returned: its message on its field, or on the form. */
export function problemReply<Schema extends z.ZodType>(
  submission: ReturnType<typeof parseForm<Schema>>,
  problem: FormProblem,
  headers?: HeadersInit,
) {
  return formError(submission, problem.field, problem.message, problem.status ?? 400, headers);
}

/** Reads a form body, refusing bodies that are not forms. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("The form could not be read. Please try again.", { status: 400 });
  }
}

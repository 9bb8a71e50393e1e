import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as authSchemas from "~/auth/schemas";
import * as caseworkSchemas from "~/casework/schemas";
import { assessmentSchema } from "~/casework/schemas";
import * as certificateSchemas from "~/certificates/schemas";
import { answersSchema, talliesSchema } from "~/feedback/feedback-schemas";
import * as questionnaireSchemas from "~/feedback/questionnaire-schemas";
import * as learningSchemas from "~/learning/schemas";
import * as organisationSchemas from "~/organisations/schemas";
import * as peopleSchemas from "~/people/schemas";
import * as privacySchemas from "~/privacy/schemas";
import * as safeguardingSchemas from "~/safeguarding/safeguarding";
import * as openSchemas from "~/sessions/open-schemas";
import * as sessionSchemas from "~/sessions/schemas";

// Every form schema refuses fields it does not name (so `role=programme_lead` or `schoolId=…`
// slipped into a form is an error, not silently ignored). Capabilities add their schema modules.
const MODULES: Record<string, Record<string, unknown>> = {
  "app/auth/schemas.ts": authSchemas,
  "app/casework/schemas.ts": caseworkSchemas,
  "app/privacy/schemas.ts": privacySchemas,
  "app/certificates/schemas.ts": certificateSchemas,
  "app/feedback/questionnaire-schemas.ts": questionnaireSchemas,
  "app/learning/schemas.ts": learningSchemas,
  "app/organisations/schemas.ts": organisationSchemas,
  "app/people/schemas.ts": peopleSchemas,
  "app/safeguarding/safeguarding.ts": safeguardingSchemas,
  "app/sessions/open-schemas.ts": openSchemas,
  "app/sessions/schemas.ts": sessionSchemas,
};

// Schemas that are not form bodies: enums used inside forms, and the filters of list pages read
// from the query string (lenient on purpose: an unknown or bad parameter is ignored, never a 500;
// tests/integration/hostile-queries.test.ts sends them hostile query strings).
const NOT_FORMS = new Set([
  "KindSchema",
  "RoleSchema",
  "ListFilterSchema",
  "PeopleFilterSchema",
  "OpenSessionFiltersSchema",
]);

// Schemas built from data at request time: built here from sample items.
const BUILT: Record<string, z.ZodType> = {
  "assessmentSchema(items)": assessmentSchema([{ id: "i1", label: "Safety and risk" }]),
  "answersSchema(items)": answersSchema([
    { id: "i1", kind: "before_after", text: "How much do you know?" },
    { id: "i2", kind: "free_text", text: "Anything else?" },
  ]),
  "talliesSchema(items)": talliesSchema([
    { id: "i1", kind: "before_after" },
    { id: "i2", kind: "satisfaction" },
  ]),
};

function objectsIn(schema: z.ZodType): z.ZodObject[] {
  if (schema instanceof z.ZodObject) return [schema];
  if (schema instanceof z.ZodDiscriminatedUnion || schema instanceof z.ZodUnion)
    return (schema.options as z.ZodType[]).flatMap(objectsIn);
  if (schema instanceof z.ZodPipe) return objectsIn(schema.in as z.ZodType);
  return [];
}

function expectStrict(name: string, value: z.ZodType) {
  const objects = objectsIn(value);
  expect(objects.length, `${name} is not an object schema`).toBeGreaterThan(0);
  for (const o of objects) {
    const catchall = (o.def as { catchall?: z.ZodType }).catchall;
    expect(catchall instanceof z.ZodNever, `${name} must be .strict()`).toBe(true);
    const shapeKeys = Object.keys(o.shape);
    const sample: Record<string, unknown> = { role: "programme_lead", schoolId: "x" };
    for (const k of shapeKeys) sample[k] = "x";
    const result = o.safeParse(sample);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("unrecognized_keys");
  }
}

describe("form schemas are strict", () => {
  for (const [file, mod] of Object.entries(MODULES)) {
    for (const [name, value] of Object.entries(mod)) {
      if (!(value instanceof z.ZodType) || NOT_FORMS.has(name)) continue;
      it(`${file} ${name} refuses unknown fields`, () => expectStrict(name, value));
    }
  }
  for (const [name, value] of Object.entries(BUILT)) {
    it(`app/feedback/feedback-schemas.ts ${name} refuses unknown fields`, () =>
      expectStrict(name, value));
  }

  it("every module listed has at least one form schema (so a renamed file cannot empty this test)", () => {
    for (const [file, mod] of Object.entries(MODULES)) {
      expect(
        Object.entries(mod).filter(([n, v]) => v instanceof z.ZodType && !NOT_FORMS.has(n)).length,
        file,
      ).toBeGreaterThan(0);
    }
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as authSchemas from "~/auth/schemas";
import * as privacySchemas from "~/privacy/schemas";

// Every form schema refuses fields it does not name (so `role=programme_lead` or `schoolId=…`
// slipped into a form is an error, not silently ignored). Capabilities add their schema modules.
const MODULES: Record<string, Record<string, unknown>> = {
  "app/auth/schemas.ts": authSchemas,
  "app/privacy/schemas.ts": privacySchemas,
};

function objectsIn(schema: z.ZodType): z.ZodObject[] {
  if (schema instanceof z.ZodObject) return [schema];
  if (schema instanceof z.ZodDiscriminatedUnion || schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(objectsIn);
  if (schema instanceof z.ZodPipe) return objectsIn(schema.in as z.ZodType);
  return [];
}

describe("form schemas are strict", () => {
  for (const [file, mod] of Object.entries(MODULES)) {
    for (const [name, value] of Object.entries(mod)) {
      if (!(value instanceof z.ZodType)) continue;
      it(`${file} ${name} refuses unknown fields`, () => {
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
      });
    }
  }
});

import crypto from "node:crypto";
import type { Queryable } from "~/db/db.server";
import { fileStore } from "~/storage/files.server";
import { nowIso } from "~/utils/clock.server";
import { AppError, formProblem } from "~/utils/errors.server";
import { newId } from "~/utils/ids.server";

// Lesson images: uploaded by authors, their bytes in the file store (the database by default, so
// every server serves them; app/storage/files.server.ts), described in learning_images, served by /learning/images/<id> with the type found from the file's first
// bytes (never the browser's claim or the file name).

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export type ImageType = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

/** The image type from the file's magic bytes, or null for anything else (SVG included: it can carry script). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const b = bytes;
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  )
    return "image/png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (
    b.length >= 6 &&
    b[0] === 0x47 &&
    b[1] === 0x49 &&
    b[2] === 0x46 &&
    b[3] === 0x38 &&
    (b[4] === 0x37 || b[4] === 0x39) &&
    b[5] === 0x61
  )
    return "image/gif";
  if (
    b.length >= 12 &&
    b[0] === 0x52 &&
    b[1] === 0x49 &&
    b[2] === 0x46 &&
    b[3] === 0x46 &&
    b[8] === 0x57 &&
    b[9] === 0x45 &&
    b[10] === 0x42 &&
    b[11] === 0x50
  )
    return "image/webp";
  return null;
}

function imageKey(id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError("not_found", "We could not find that image.");
  return `learning-images/${id}`;
}

export async function saveImage(
  db: Queryable,
  userId: string | null,
  file: { name: string; bytes: Uint8Array },
) {
  if (file.bytes.length === 0) return formProblem("image", "The selected file is empty");
  if (file.bytes.length > MAX_IMAGE_BYTES)
    return formProblem("image", "The selected file must be smaller than 2 MB");
  const type = sniffImageType(file.bytes);
  if (!type)
    return formProblem("image", "The selected file must be a PNG, JPEG, GIF or WebP image");
  const id = newId();
  await fileStore().put(db, imageKey(id), file.bytes);
  await db
    .insertInto("learning_images")
    .values({
      id,
      content_type: type,
      bytes: file.bytes.length,
      sha256: crypto.createHash("sha256").update(file.bytes).digest("hex"),
      original_name: file.name.slice(0, 200),
      uploaded_by: userId,
      created_at: nowIso(),
    })
    .execute();
  return { ok: true as const, id, contentType: type, path: `/learning/images/${id}` };
}

export async function readImage(db: Queryable, id: string) {
  const row = await db
    .selectFrom("learning_images")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", "We could not find that image.");
  const bytes = await fileStore().get(db, imageKey(id));
  if (!bytes) throw new AppError("not_found", "We could not find that image.");
  return { contentType: row.content_type, bytes, sha256: row.sha256 };
}

/**
 * An image for one viewer. Images belong to the modules whose lessons show them: authors may see
 * any image (drafts included, to preview); anyone else allowed to learn sees an image only when a
 * lesson of a published version, or of the version they are enrolled in, shows it. Anything else is
 * "not found", the same answer as for an id that does not exist.
 */
export async function readImageFor(
  db: Queryable,
  viewer: { userId: string; mayAuthor: boolean },
  id: string,
) {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError("not_found", "We could not find that image.");
  if (!viewer.mayAuthor) {
    // The id is hex and dashes only (checked above), so it carries no LIKE wildcards.
    const shown = await db
      .selectFrom("learning_lessons as l")
      .innerJoin("learning_module_versions as v", "v.id", "l.version_id")
      .select("l.id")
      .where("l.body_markdown", "like", `%/learning/images/${id}%`)
      .where((eb) =>
        eb.or([
          eb("v.status", "=", "published"),
          eb.exists(
            eb
              .selectFrom("learning_enrolments as e")
              .select("e.id")
              .whereRef("e.version_id", "=", "v.id")
              .where("e.user_id", "=", viewer.userId),
          ),
        ]),
      )
      .limit(1)
      .executeTakeFirst();
    if (!shown) throw new AppError("not_found", "We could not find that image.");
  }
  return readImage(db, id);
}

export async function listImages(db: Queryable) {
  return db
    .selectFrom("learning_images")
    .select(["id", "original_name", "content_type", "bytes", "created_at"])
    .orderBy("created_at", "desc")
    .limit(50)
    .execute();
}

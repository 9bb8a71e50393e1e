import type { NextFunction, Request, Response } from "express";
import { logger } from "~/utils/log.server";

// Request bodies are read here, at the edge, before Remix sees them (issue 11, findings 1 and 2;
// decision 070). The bytes actually read are counted — a chunked body declares no length, so a
// declared-length check alone let a 150 MB post through — and reading stops at the route's limit
// with a 413. Then, before anything parses the form, the number of fields is counted and a body
// with more fields than any Lantern form has is refused: parsing 90,000 tiny fields held the only
// thread for seconds. Remix is handed the bytes read here (res.locals.body), never the socket.

/** Ordinary forms: the largest is a few KB of text. */
export const MAX_FORM_BYTES = 64 * 1024;
/** Forms with long text (a lesson's Markdown, up to 50,000 characters, percent-encoded). */
export const MAX_LONG_FORM_BYTES = 1024 * 1024;
/** Room for a multipart body's headers and other fields around its file. */
const MULTIPART_OVERHEAD = 64 * 1024;
/** A GIAS extract (the import's own limit, MAX_UPLOAD_BYTES in organisations/gias.server.ts). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024 + MULTIPART_OVERHEAD;
/**
 * An image for a lesson: the route itself refuses over 2 MB (MAX_IMAGE_BYTES in
 * learning/images.server.ts) with a message on the page; the edge stops anything far larger.
 */
export const MAX_IMAGE_UPLOAD_BYTES = 8 * 1024 * 1024;
/** More fields than any ordinary form has (the largest, a questionnaire's, has about a hundred). */
export const MAX_FORM_FIELDS = 500;

interface BodyLimits {
  bytes: number;
  fields: number;
  multipart: boolean;
}

// The few routes whose forms are bigger than the ordinary ones, by path. Only these may send
// multipart bodies of any size; elsewhere a multipart body has the ordinary form limit.
const SPECIAL: { pattern: RegExp; limits: BodyLimits }[] = [
  {
    pattern: /^\/author\/images\/?$/,
    limits: { bytes: MAX_IMAGE_UPLOAD_BYTES, fields: 10, multipart: true },
  },
  {
    pattern: /^\/admin\/organisations\/import\/?$/,
    limits: { bytes: MAX_IMPORT_BYTES, fields: 10, multipart: true },
  },
  {
    pattern: /^\/author\/modules\/[^/]+\/lessons\/[^/]+\/?$/,
    limits: { bytes: MAX_LONG_FORM_BYTES, fields: MAX_FORM_FIELDS, multipart: false },
  },
  // One field per registrant (a session holds up to 2,000) and per class.
  {
    pattern: /^\/sessions\/[^/]+\/attendance\/?$/,
    limits: { bytes: 256 * 1024, fields: 2500, multipart: false },
  },
  // One field per answer ticked.
  {
    pattern: /^\/learning\/modules\/[^/]+\/quiz\/?$/,
    limits: { bytes: MAX_FORM_BYTES, fields: 1000, multipart: false },
  },
];

export function bodyLimitsFor(pathname: string): BodyLimits {
  return (
    SPECIAL.find((s) => s.pattern.test(pathname))?.limits ?? {
      bytes: MAX_FORM_BYTES,
      fields: MAX_FORM_FIELDS,
      multipart: false,
    }
  );
}

const TOO_LARGE = "That was too much to send at once.";
const BAD_FIELD_NAME = "That form had a field Lantern does not accept. Go back and try again.";
const TOO_MANY_FIELDS =
  "That form had more fields than any Lantern form has, so Lantern refused it.";

/**
 * A body over the limit is read on and thrown away up to this much more, and only then answered:
 * a client still sending when the connection closes sees a reset rather than the 413. Past this,
 * the 413 goes at once and the connection is closed.
 */
export const DISCARD_BEYOND_LIMIT_BYTES = 1024 * 1024;

function refuse(
  req: Request,
  res: Response,
  status: number,
  message: string,
  stopReading: boolean,
) {
  logger.warn({ path: req.path, status }, "refused a request body");
  if (stopReading) {
    // The rest of the body is still on the wire: answer, then close the connection rather than
    // read it (it could be endless).
    res.setHeader("Connection", "close");
    req.unpipe();
    req.pause();
    res.on("finish", () => req.socket.destroySoon?.());
  }
  res.status(status).type("text/plain").send(message);
}

/** Reads the rest of an over-limit body without keeping it, then answers 413 (or closes at the cap). */
function discardThenRefuse(req: Request, res: Response, alreadyRead: number, byteLimit: number) {
  let read = alreadyRead;
  const cap = byteLimit + DISCARD_BEYOND_LIMIT_BYTES;
  const stop = () => {
    req.off("data", onData);
    req.off("end", onEnd);
  };
  const onData = (chunk: Buffer) => {
    read += chunk.length;
    if (read > cap) {
      stop();
      refuse(req, res, 413, TOO_LARGE, true);
    }
  };
  const onEnd = () => {
    stop();
    refuse(req, res, 413, TOO_LARGE, false);
  };
  req.on("data", onData);
  req.on("end", onEnd);
  req.resume();
}

/** How many fields a form body holds, counted without parsing it. */
export function countFields(body: Buffer, contentType: string): number {
  if (body.length === 0) return 0;
  if (contentType.startsWith("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
    if (!boundary) return Infinity;
    const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
    let count = -1; // the last marker closes the body
    for (let at = body.indexOf(marker); at !== -1; at = body.indexOf(marker, at + marker.length))
      count++;
    return Math.max(count, 0);
  }
  // urlencoded (and anything else Remix would read as a form): fields are separated by "&".
  let count = 1;
  for (let at = body.indexOf(0x26); at !== -1; at = body.indexOf(0x26, at + 1)) count++;
  return count;
}

/** Longer than any field name of Lantern's forms (`q-<id>`, `option3`, `reg-<id>`). */
export const MAX_FIELD_NAME_BYTES = 200;

/**
 * Whether a urlencoded body has a field name longer than any form's, found without parsing it: a
 * name nested thousands deep (`a[0][0]…`) overflowed the form parser's stack (finding 13).
 */
export function hasOverlongFieldName(body: Buffer): boolean {
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf(0x26, start);
    if (end === -1) end = body.length;
    const eq = body.indexOf(0x3d, start);
    const nameEnd = eq === -1 || eq > end ? end : eq;
    if (nameEnd - start > MAX_FIELD_NAME_BYTES) return true;
    start = end + 1;
  }
  return false;
}

/**
 * Reads the body of every request that may have one, counting bytes as they arrive; 413 at the
 * route's byte limit (declared or not) or field limit. The body read is left in res.locals.body.
 */
export function readBodyWithinLimits(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const limits = bodyLimitsFor(req.path);
  const contentType = (req.get("content-type") ?? "").toLowerCase();
  const multipart = contentType.startsWith("multipart/form-data");
  const byteLimit = multipart && !limits.multipart ? MAX_FORM_BYTES : limits.bytes;
  const declared = Number(req.get("content-length") ?? 0);
  if (declared > byteLimit + DISCARD_BEYOND_LIMIT_BYTES)
    return refuse(req, res, 413, TOO_LARGE, true);
  if (declared > byteLimit) return discardThenRefuse(req, res, 0, byteLimit);

  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  const finish = (error?: unknown) => {
    if (done) return;
    done = true;
    req.off("data", onData);
    req.off("end", onEnd);
    if (error) return next(error instanceof Error ? error : new Error(String(error)));
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > byteLimit) {
      finish();
      chunks.length = 0;
      return discardThenRefuse(req, res, received, byteLimit);
    }
    chunks.push(chunk);
  };
  const onEnd = () => {
    if (done) return;
    finish();
    const body = Buffer.concat(chunks, received);
    if (countFields(body, contentType) > limits.fields)
      return refuse(req, res, 413, TOO_MANY_FIELDS, false);
    if (!contentType.startsWith("multipart/") && hasOverlongFieldName(body))
      return refuse(req, res, 400, BAD_FIELD_NAME, false);
    res.locals.body = body;
    next();
  };
  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", (error) => {
    // A client that goes away mid-body: nothing to answer.
    if (!done) {
      done = true;
      res.destroy();
      logger.debug({ err: error }, "request body aborted");
    }
  });
}

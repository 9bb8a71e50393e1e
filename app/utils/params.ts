// Route parameters, read one way everywhere: a value that cannot be an id or a position is a page
// that does not exist (404), before any capability is asked.

/** A positive whole number from a URL segment, or 404. */
export function positionParam(value: string | undefined): number {
  if (!value || !/^[1-9][0-9]{0,3}$/.test(value))
    throw new Response("We could not find that page.", { status: 404 });
  return Number(value);
}

/** An id from a URL segment (letters, digits and hyphens, at most 64), or 404. */
export function idParam(value: string | undefined): string {
  if (!value || !/^[A-Za-z0-9-]{1,64}$/.test(value))
    throw new Response("We could not find that page.", { status: 404 });
  return value;
}

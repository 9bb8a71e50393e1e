import { AppError, toResponse } from "~/utils/errors.server";

/** Runs a capability call from a route, turning its AppError into the HTTP response once, here. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError) throw toResponse(error);
    throw error;
  }
}

/** A positive whole number from a URL segment, or 404. */
export function positionParam(value: string | undefined): number {
  if (!value || !/^[1-9][0-9]{0,3}$/.test(value))
    throw new Response("We could not find that page.", { status: 404 });
  return Number(value);
}

export function idParam(value: string | undefined): string {
  if (!value || !/^[A-Za-z0-9-]{1,64}$/.test(value))
    throw new Response("We could not find that page.", { status: 404 });
  return value;
}

// Domain code throws AppError with a code; the edge (routes via `toResponse`) maps codes to HTTP
// once, so capability functions never think about status numbers.
export type AppErrorCode =
  | "not_found"
  | "forbidden"
  | "unauthenticated"
  | "conflict"
  | "invalid"
  | "too_many_requests"
  | "gone";

const STATUS: Record<AppErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  unauthenticated: 401,
  conflict: 409,
  invalid: 400,
  too_many_requests: 429,
  gone: 410,
};

export class AppError extends Error {
  constructor(
    public code: AppErrorCode,
    message: string,
    public headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status() {
    return STATUS[this.code];
  }
}

export function notFound(what = "page"): never {
  throw new Response(`We could not find that ${what}.`, { status: 404, statusText: "Not Found" });
}

export function forbidden(message = "You do not have permission to see this page."): never {
  throw new Response(message, { status: 403, statusText: "Forbidden" });
}

/** Turns an AppError into the Response Remix renders with the error boundary; rethrows others. */
export function toResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return new Response(error.message, { status: error.status, headers: error.headers });
  }
  throw error;
}

/**
 * Runs a capability call from a route and turns its AppError into the HTTP response, once, at the
 * edge (the one way routes map refusals; any other error is left for the error boundary).
 */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError) throw toResponse(error);
    throw error;
  }
}

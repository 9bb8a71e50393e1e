// Two kinds of failure, each reported one way (issue 15, item 2; decision 139):
// - a refusal (no such record, not yours, too many tries, gone) is an AppError the capability
//   throws; the route maps it to HTTP once, with `call`, so capabilities never think about status
//   numbers;
// - something the person can put right in the form (a clash, a duplicate, a file that is not an
//   extract) is a FormProblem the capability returns; the route answers `formError` with it.
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

/** Something the person can put right in the form: the field ("" for the form as a whole) and what to say. */
export interface FormProblem {
  ok: false;
  field: string;
  message: string;
  /** 400 unless the problem is a clash with what is stored (409). */
  status?: number;
}

export function formProblem(field: string, message: string, status?: number): FormProblem {
  return status ? { ok: false, field, message, status } : { ok: false, field, message };
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

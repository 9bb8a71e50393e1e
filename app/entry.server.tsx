import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { logger } from "~/utils/log.server";

const ABORT_DELAY = 5_000;

// Remix's router answers a POST to a page without an action (405) or an unknown path (404) itself,
// and then hands the same "error" here; those are the client's mistakes, already answered with a
// 4xx, and logging their stack traces would bury real faults. Everything else is logged as JSON.
const CLIENT_MISTAKES = [
  /did not provide an `action`/,
  /did not provide a `loader`/,
  /^No route matches URL/,
  /^Invalid request method/,
];

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (error instanceof Error && CLIENT_MISTAKES.some((re) => re.test(error.message))) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // Reset tokens and verification codes travel in paths; long segments are masked before logging.
  const path = new URL(request.url).pathname.replace(/[^/]{20,}/g, ":secret");
  logger.error(
    { err: error, method: request.method, path },
    "unhandled error in a loader or action",
  );
}

/**
 * The page's bytes as React writes them, gathered into one piece per turn of the event loop, with
 * stray NUL bytes dropped.
 *
 * Gathered: React 18's Node renderer writes through 2,048-byte buffers, and each went on alone
 * through the web stream Remix wraps it in, Express, compression and the socket: about ninety
 * pieces for the reports dashboard, 4–5 ms of the server's time per view (issue 16). What React
 * writes in one go is sent as one piece; a page that streams in parts still streams.
 *
 * NUL bytes: when a character of two or more bytes (an en dash, a name in another script) does not
 * fit in what is left of a buffer, React sends the whole buffer, unfilled bytes and all, so a page
 * can carry stray NUL bytes (seen in the reports' tables: "\0–"). NUL never belongs in HTML, and in
 * UTF-8 the byte 0 is never part of another character, so dropping every 0 byte restores exactly
 * what React meant to write.
 */
export function pageBody() {
  let held: Buffer[] = [];
  let scheduled = false;
  const release = (stream: Transform) => {
    scheduled = false;
    if (!held.length) return;
    const whole = held.length === 1 ? held[0] : Buffer.concat(held);
    held = [];
    stream.push(whole.includes(0) ? Buffer.from(whole.filter((b) => b !== 0)) : whole);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      held.push(chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => release(this));
      }
      done();
    },
    flush(done) {
      release(this);
      done();
    },
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The per-request nonce from server.ts, so Remix's inline scripts pass the CSP.
  const nonce = (loadContext as { cspNonce?: string }).cspNonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = pageBody();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

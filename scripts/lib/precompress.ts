import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { Plugin } from "vite";

// Static files are compressed once, at build time, at the strongest settings (gzip 9, brotli 11),
// and served as files (app/server/http.server.ts). Compressing them on every request cost more CPU
// than rendering the home page: 13 ms for the 253 KB components bundle (issue 16, item 5).

const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|xml|map|webmanifest)$/;
// Below this size the compressed file saves less than a packet's worth.
const MIN_BYTES = 1024;

function* filesUnder(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/** Writes `file.gz` and `file.br` beside every compressible file under `dir`; returns how many. */
export function precompressDirectory(dir: string): number {
  let count = 0;
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    if (
      fs.existsSync(`${file}.br`) &&
      fs.statSync(`${file}.br`).mtimeMs >= fs.statSync(file).mtimeMs
    )
      continue;
    const bytes = fs.readFileSync(file);
    if (bytes.length < MIN_BYTES) continue;
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(bytes, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        },
      }),
    );
    count += 1;
  }
  return count;
}

/**
 * A Vite plugin that precompresses the browser build's output (`clientDir`). It runs when the
 * browser build is written and again at the end of the server build, because Remix writes its
 * route manifest into the browser's assets during the server build.
 */
export function precompress(clientDir: string): Plugin {
  return {
    name: "lantern-precompress",
    apply: "build",
    closeBundle: {
      order: "post",
      handler() {
        if (fs.existsSync(clientDir)) precompressDirectory(clientDir);
      },
    },
  };
}

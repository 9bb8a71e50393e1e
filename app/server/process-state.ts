// The server process loads the app's modules twice: server.ts imports them from source (for
// migrations, the outbox worker, jobs and shutdown) and the Remix build carries its own copies for
// requests. State there must be one per process — one database connection, one lease owner's name,
// one report worker, one "shutting down" flag, one set of renders in flight — so it is kept here,
// on globalThis, under one name each (issue 15, item 3: four modules each had their own cast).

type Store = Record<string, unknown>;

/** The process's one `name`: made by `make` the first time any copy of a module asks for it. */
export function perProcess<T>(name: string, make: () => T): T {
  const store = ((globalThis as unknown as { __lantern?: Store }).__lantern ??= {});
  if (!(name in store)) store[name] = make();
  return store[name] as T;
}

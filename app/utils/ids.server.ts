import { randomUUID } from "node:crypto";

// Ids are random UUIDs made in the application: the same on SQLite and PostgreSQL,
// and an id in a URL tells nobody how many records exist.
export function newId(): string {
  return randomUUID();
}

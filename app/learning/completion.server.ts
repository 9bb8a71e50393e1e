// The completion record certificates are issued from (see getCompletion in learn.server.ts):
// the holder, the module's title and version, the completion date and the best score.
export { getCompletion, type Completion } from "./learn.server";

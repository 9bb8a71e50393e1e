// The client address as Express saw it (server.ts sets it on the request it hands to Remix).
export function clientIp(request: Request): string {
  return request.headers.get("x-lantern-client-ip") ?? "unknown";
}

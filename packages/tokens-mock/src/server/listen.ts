import { once } from "node:events";
import type { Server } from "node:http";
import { MockServerError } from "../errors.js";

/**
 * Binds `server` to `host:port` and returns the port bound (the one picked when `port` is 0).
 * @throws {MockServerError} `PORT_IN_USE` when the port is taken, `LISTEN_FAILED` for any other reason.
 */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  server.listen(port, host);
  try {
    await once(server, "listening");
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
    const message = inUse
      ? `Port ${port} on ${host} is already in use: stop what is using it or pick another port (--port).`
      : `Cannot listen on ${host}:${port}: ${(error as Error).message}`;
    throw new MockServerError(inUse ? "PORT_IN_USE" : "LISTEN_FAILED", message, { cause: error });
  }
  const address = server.address();
  return typeof address === "object" && address !== null ? address.port : port;
}

/**
 * Stops accepting connections, drops the open ones (keep-alive included) and resolves once the port is free;
 * resolves at once when the server is not listening (never started, or closed already).
 */
export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

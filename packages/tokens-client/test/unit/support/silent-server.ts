/**
 * A local `node:http` server that takes requests and never answers them: what a hung API looks like. It
 * reports each request, and when the client gives one up (its socket closes).
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** The running server. */
export interface SilentServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Resolves with the next request the server receives. */
  nextRequest(): Promise<IncomingMessage>;
  /** Resolves once the socket of `request` has closed (the client cancelled it). */
  closed(request: IncomingMessage): Promise<void>;
  /** Stops the server, destroying any socket still open. */
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 on a free port that never answers. */
export async function startSilentServer(): Promise<SilentServer> {
  const waiting: ((request: IncomingMessage) => void)[] = [];
  const received: IncomingMessage[] = [];
  const server = createServer((request) => {
    const taker = waiting.shift();
    if (taker) taker(request);
    else received.push(request);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    nextRequest: () => {
      const first = received.shift();
      return first ? Promise.resolve(first) : new Promise((resolve) => waiting.push(resolve));
    },
    closed: (request) =>
      new Promise((resolve) => {
        if (request.socket.destroyed) resolve();
        else request.socket.once("close", () => resolve());
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A local `node:http` server that takes requests and never answers them: what a hung API looks like. It
 * reports each connection, and when the client gives it up (the socket closes). Connections, not requests:
 * on a loaded machine a client may give up before the server has even parsed the request.
 */
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** The running server. */
export interface SilentServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Resolves with the next connection the server accepts. */
  nextConnection(): Promise<Socket>;
  /** Resolves once `socket` has closed (the client cancelled its request). */
  closed(socket: Socket): Promise<void>;
  /** Stops the server, destroying any socket still open. */
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 on a free port that never answers. */
export async function startSilentServer(): Promise<SilentServer> {
  const waiting: ((socket: Socket) => void)[] = [];
  const accepted: Socket[] = [];
  const server = createServer(() => {});
  server.on("connection", (socket: Socket) => {
    const taker = waiting.shift();
    if (taker) taker(socket);
    else accepted.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    nextConnection: () => {
      const first = accepted.shift();
      return first ? Promise.resolve(first) : new Promise((resolve) => waiting.push(resolve));
    },
    closed: (socket) =>
      new Promise((resolve) => {
        if (socket.destroyed) resolve();
        else socket.once("close", () => resolve());
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

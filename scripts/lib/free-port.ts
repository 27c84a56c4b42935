import net from "node:net";

/**
 * A free loopback TCP port, for a server started next (the built app, a PostgreSQL cluster): the
 * system picks one that nothing listens on, and it is released at once for that server to take.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

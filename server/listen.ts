/** Taking the service's port: checked before anything slow, and any failure said the same way everywhere. */
import { createServer } from 'node:net';

/** Why `host:port` cannot be listened on, and what to do: for `serve`, `start` and the public workers alike. */
export function listenFailure(host: string, port: number, error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const why = code === 'EADDRINUSE' ? 'the port is in use (EADDRINUSE): stop what uses it, or set PORT to another port'
    : code === 'EACCES' ? 'permission denied (EACCES): a port below 1024 needs privileges, so set PORT to 1024 or above'
    : code === 'EADDRNOTAVAIL' ? 'this machine has no such address (EADDRNOTAVAIL): set HOST to one of its addresses'
    : message;
  return `cannot listen on ${host}:${port}: ${why}.`;
}

/**
 * Fails at once when `host:port` cannot be taken, before a build or the store's opening (seconds):
 * the port is let go right after, for the service to take. Another process may take it between
 * the two; the service's own listen then fails with the same message.
 */
export async function assertCanListen(host: string, port: number): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(new Error(listenFailure(host, port, error))));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** A webhook receiver on 127.0.0.1 for tests: records every request, answers as the test says. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../../server/webhooks/signature.ts';

export interface Received {
  body: string;
  event: { id: string; type: string; partnerId: string; createdAt: string; data: Record<string, string> };
  headers: IncomingMessage['headers'];
  /** Whether Cobrand-Signature signs the body with the endpoint's secret. */
  verified: boolean;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Sets the endpoint's secret, for verifying signatures. */
  secret: string;
  /** Decides the answer: a status, or 'hang' to never answer. Default 200. */
  respond: (received: Received, attempt: number) => number | 'hang';
  /** The distinct events received, by id (de-duplicated). */
  events(): Map<string, Received>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const hanging = new Set<ServerResponse>();
  const attempts = new Map<string, number>();
  const receiver: Receiver = {
    url: '',
    received: [],
    secret: '',
    respond: () => 200,
    events() {
      return new Map(receiver.received.map((item) => [item.event.id, item]));
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const item: Received = { body, event: JSON.parse(body), headers: request.headers, verified: verify(receiver.secret, body, String(request.headers['cobrand-signature'] ?? '')) };
      receiver.received.push(item);
      const attempt = (attempts.get(item.event.id) ?? 0) + 1;
      attempts.set(item.event.id, attempt);
      const answer = receiver.respond(item, attempt);
      if (answer === 'hang') {
        hanging.add(response);
        return;
      }
      response.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

/** `npm start`: from a fresh clone to the editor in one step. */
import type { Config } from '../config.ts';
import { assertCanListen } from '../listen.ts';
import { servePreviewApp } from '../preview-app.ts';
import { buildIfStale } from './build.ts';
import { DEMO_PARTNER, seedDemo } from './seed-demo.ts';
import { serve } from './serve.ts';

export async function start(config: Config): Promise<void> {
  const log = (line: string) => process.stderr.write(`cobrand: ${line}\n`);
  await assertCanListen(config.host, config.port); // before a build of a minute: a port in use is said at once
  await buildIfStale(log);
  // Warnings only, unless asked: the newcomer's terminal shows the links, not a log line per request.
  const { url, db } = await serve({ ...config, logLevel: process.env.COBRAND_LOG_LEVEL ? config.logLevel : 'warn' }, servePreviewApp);
  const seed = await seedDemo(db, config.timeZone);
  if (seed.seeded) log(`seeded the demo partner ${DEMO_PARTNER} with the example customization`);
  process.stdout.write(`
Cobrand is running on ${url}  (${db.description})

  Partner editor    ${url}/#token=${seed.partnerToken}
  Reviewer console  ${url}/review#token=${seed.reviewerToken}
  Demo landing      ${url}/demo?partner=${DEMO_PARTNER}
  API               ${url}/docs/openapi.json

  Demo partner token (${DEMO_PARTNER}): ${seed.partnerToken}
  Demo reviewer token:            ${seed.reviewerToken}

Stop with Ctrl+C.
`);
}

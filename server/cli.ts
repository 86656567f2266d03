/**
 * `cobrand`: the command line of the kit.
 *
 * Only `node:` modules and the validator (plain code, no dependencies) are imported up front;
 * each command imports what it needs when it runs, so `cobrand validate` and `cobrand --version`
 * never load Fastify, PGlite or pg (a partner's CI pays only for the validator).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, validateCommand } from '../schema/cli.ts';
import { PACKAGE_ROOT } from './paths.ts';
import type { Role } from './tokens.ts';

const USAGE = `Usage: cobrand <command> [options]

Commands:
  start              build what is missing, serve the app and the API, seed the demo
  serve              the review service (PORT, HOST, COBRAND_DATA or DATABASE_URL;
                     COBRAND_WORKERS=N: the public read path on N processes)
  migrate            bring the store's tables up to date
  publish [DIR]      write every live document as static files (COBRAND_PUBLISH_DIR)
  token create --role partner --partner ID [--label TEXT]
  token create --role reviewer [--label TEXT]
                     make a bearer token; it is printed alone on standard output, once
  token list         the tokens (ids, roles, partners; never the tokens themselves)
  token revoke ID    stop a token from working
  seed-demo          make the demo partner (acme-cloud) live and print demo tokens
  validate FILE...   check customization documents; exit 0 when all are valid
                     (the same command as cobrand-validate of @cobrand/schema)
                     FILE -               read the document from standard input
                     --lang en-US|zh-CN   language of the messages (default en-US)
                     --partner ID         also require partnerId to be ID
                     --format text|json   one line per error, or one JSON report
  help               show this help
  --version          print the version of cobrand

Storage: embedded PGlite in COBRAND_DATA (default ./data), or the PostgreSQL server in
DATABASE_URL. An embedded data directory is used by one process at a time.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validateCommand(rest);
    case 'serve':
      return runServe();
    case 'start': {
      const [{ start }, { configFromEnv }] = await Promise.all([import('./commands/start.ts'), import('./config.ts')]);
      await start(configFromEnv());
      return 0;
    }
    case 'migrate':
      return runMigrate();
    case 'publish': return (await import('./commands/publish.ts')).publishCommand(rest);
    case 'token':
      return token(rest);
    case 'seed-demo':
      return runSeedDemo();
    case '--version':
    case '-v':
      process.stdout.write(`${cobrandVersion()}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** The version in the `cobrand` package's package.json (server/package.json in this repository). */
export function cobrandVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { name?: string; version?: string };
  if (manifest.name !== 'cobrand' || !manifest.version) throw new Error('cannot find the package.json of cobrand');
  return manifest.version;
}

async function runServe(): Promise<number> {
  const [{ serve }, { configFromEnv }, { serveEmbed }] = await Promise.all([import('./commands/serve.ts'), import('./config.ts'), import('./preview-app.ts')]);
  const config = configFromEnv();
  if (config.workers > 1) {
    const { isWorker, serveWorker, servePrimary } = await import('./cluster.ts');
    if (isWorker()) await serveWorker(config);
    else process.stderr.write(`cobrand: serving on ${await servePrimary(config, config.workers, serveEmbed)} (${config.workers} public workers)\n`);
    return 0;
  }
  const { url, db } = await serve(config, serveEmbed);
  process.stderr.write(`cobrand: serving on ${url} (${db.description})\n`);
  return 0;
}

async function runMigrate(): Promise<number> {
  const [{ withStore }, { migrate }, { configFromEnv }] = await Promise.all([import('./commands/store.ts'), import('./store/migrate.ts'), import('./config.ts')]);
  await withStore(configFromEnv(), async (db) => {
    const applied = await migrate(db);
    process.stderr.write(`cobrand: ${db.description} is up to date${applied.length ? ` (applied ${applied.join(', ')})` : ''}\n`);
  });
  return 0;
}

async function token(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { role: { type: 'string' }, partner: { type: 'string' }, label: { type: 'string' } },
  });
  const [{ withStore }, { createToken, listTokens, revokeToken }, { configFromEnv }] = await Promise.all([import('./commands/store.ts'), import('./tokens.ts'), import('./config.ts')]);
  const config = configFromEnv();
  if (action === 'create') {
    if (values.role !== 'partner' && values.role !== 'reviewer') throw new UsageError('token create: --role partner or --role reviewer');
    const role: Role = values.role;
    const made = await withStore(config, (db) => createToken(db, { role, partnerId: values.partner, label: values.label }));
    process.stdout.write(`${made.token}\n`);
    process.stderr.write(`cobrand: made ${role} token ${made.id}${values.partner ? ` for ${values.partner}` : ''}; keep it, it is not shown again\n`);
    return 0;
  }
  if (action === 'list') {
    const tokens = await withStore(config, listTokens);
    for (const item of tokens) {
      process.stdout.write(`${item.id}  ${item.role.padEnd(8)}  ${(item.partnerId ?? '-').padEnd(20)}  ${item.createdAt.toISOString()}  ${item.revokedAt ? `revoked ${item.revokedAt.toISOString()}` : 'active'}  ${item.label ?? ''}\n`);
    }
    return 0;
  }
  if (action === 'revoke') {
    const [id] = positionals;
    if (!id) throw new UsageError('token revoke: name the token ID (see cobrand token list)');
    if (!(await withStore(config, (db) => revokeToken(db, id)))) {
      process.stderr.write(`cobrand: no active token ${id}\n`);
      return 1;
    }
    process.stderr.write(`cobrand: revoked token ${id}\n`);
    return 0;
  }
  throw new UsageError('token: create, list or revoke');
}

async function runSeedDemo(): Promise<number> {
  const [{ withStore }, { DEMO_PARTNER, seedDemo }, { configFromEnv }] = await Promise.all([import('./commands/store.ts'), import('./commands/seed-demo.ts'), import('./config.ts')]);
  const config = configFromEnv();
  const seed = await withStore(config, (db) => seedDemo(db, config.timeZone));
  process.stdout.write(`partner token (${DEMO_PARTNER}): ${seed.partnerToken}\nreviewer token: ${seed.reviewerToken}\n`);
  process.stderr.write(`cobrand: ${seed.seeded ? `${DEMO_PARTNER} is live with the example customization` : `${DEMO_PARTNER} already had a live customization`}\n`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`cobrand: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`cobrand: ${failureMessage(error)}\n`);
    // Exit now: a failed start can leave a store connection or public workers that would keep the process alive.
    process.exit(1);
  }
}

/** What went wrong, for the operator: a store that cannot be reached says where it was looked for and why. */
function failureMessage(error: unknown): string {
  const { code, cause, message } = error as { code?: string; cause?: { code?: string; message?: string; hostname?: string; address?: string; port?: number }; message: string };
  if (/client password must be a string/.test(message)) return 'DATABASE_URL has no password, and the PostgreSQL server asks for one: put it in the URL (postgres://user:password@host:port/database).';
  // PostgreSQL's SQLSTATE codes: invalid password or authorization, and an unknown database.
  if (code === '28P01' || code === '28000') return `DATABASE_URL: the PostgreSQL server refused the sign-in (${message}): check the user name and password in it.`;
  const database = code === '3D000' ? /database "(.*)" does not exist/.exec(message)?.[1] : undefined;
  if (database !== undefined) return `DATABASE_URL names the database "${database}", which does not exist on that server: create it (CREATE DATABASE "${database}") or correct the name.`;
  if (code !== 'store_unavailable' || !cause) return message;
  const where = cause.hostname ?? (cause.address ? `${cause.address}${cause.port ? `:${cause.port}` : ''}` : undefined);
  const detail = [cause.code, where].filter(Boolean).join(' ') || cause.message;
  return `cannot reach the PostgreSQL server in DATABASE_URL (${detail}): check its host and port, and that it is running.`;
}

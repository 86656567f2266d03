/** `cobrand`: the command line of the kit. */
import { parseArgs } from 'node:util';
import { UsageError, validateCommand } from '../schema/cli.ts';
import { configFromEnv } from './config.ts';
import { DEMO_PARTNER, seedDemo } from './commands/seed-demo.ts';
import { serve } from './commands/serve.ts';
import { start } from './commands/start.ts';
import { withStore } from './commands/store.ts';
import { migrate } from './store/migrate.ts';
import { createToken, listTokens, revokeToken, type Role } from './tokens.ts';

const USAGE = `Usage: cobrand <command> [options]

Commands:
  start              build what is missing, serve the app and the API, seed the demo
  serve              the review service (PORT, HOST, COBRAND_DATA or DATABASE_URL)
  migrate            bring the store's tables up to date
  token create --role partner --partner ID [--label TEXT]
  token create --role reviewer [--label TEXT]
                     make a bearer token; it is printed alone on standard output, once
  token list         the tokens (ids, roles, partners; never the tokens themselves)
  token revoke ID    stop a token from working
  seed-demo          make the demo partner (${DEMO_PARTNER}) live and print demo tokens
  validate FILE...   check customization documents; exit 0 when all are valid
                     (the same command as cobrand-validate of @cobrand/schema)
                     FILE -               read the document from standard input
                     --lang en-US|zh-CN   language of the messages (default en-US)
                     --partner ID         also require partnerId to be ID
                     --format text|json   one line per error, or one JSON report
  help               show this help

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
    case 'start':
      await start(configFromEnv());
      return 0;
    case 'migrate':
      return runMigrate();
    case 'token':
      return token(rest);
    case 'seed-demo':
      return runSeedDemo();
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

async function runServe(): Promise<number> {
  const { url, db } = await serve(configFromEnv());
  process.stderr.write(`cobrand: serving on ${url} (${db.description})\n`);
  return 0;
}

async function runMigrate(): Promise<number> {
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
    process.stderr.write(`cobrand: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

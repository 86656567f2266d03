/** `cobrand`: the command line of the kit. */
import { parseArgs } from 'node:util';
import { validateFiles } from './commands/validate.ts';

const USAGE = `Usage: cobrand <command> [options]

Commands:
  start              the review service with the preview app (not built yet)
  validate FILE...   check customization documents; exit 0 when all are valid
                     --lang en-US|zh-CN   language of the messages (default en-US)
                     --partner ID         also require partnerId to be ID
  help               show this help
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest);
    case 'start':
    case 'serve':
      process.stderr.write('cobrand: the review service and preview app are not built yet. Today you can validate documents: npx cobrand validate schema/examples/*.json\n');
      return 1;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`cobrand: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function validate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { lang: { type: 'string', default: 'en-US' }, partner: { type: 'string' } },
  });
  if (positionals.length === 0) {
    process.stderr.write('cobrand validate: name at least one FILE\n');
    return 2;
  }
  return validateFiles({ files: positionals, lang: values.lang, partner: values.partner });
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`cobrand: ${(error as Error).message}\n`);
  process.exitCode = 2;
}

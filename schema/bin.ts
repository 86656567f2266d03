#!/usr/bin/env node
/** The `cobrand-validate` command of @cobrand/schema. */
import { UsageError, VALIDATE_USAGE, validateCommand } from './cli.ts';

try {
  process.exitCode = await validateCommand(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`cobrand-validate: ${(error as Error).message}\n\n${VALIDATE_USAGE}`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`cobrand-validate: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

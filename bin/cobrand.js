#!/usr/bin/env node
// The `cobrand` command. tsx runs the TypeScript sources directly, so no build step stands between a clone and the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');

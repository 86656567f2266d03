#!/usr/bin/env node
// The `cobrand` command. In this repository (the TypeScript sources are beside this folder)
// tsx runs them directly, so no build step stands between an edit and the CLI; an installed
// package has no sources and runs the compiled service (dist/service/cli.js, written by
// `npm run build`) with plain Node: tsx is a devDependency of the repository only.
import { existsSync } from 'node:fs';

const sources = new URL('../cli.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import('../dist/service/cli.js');
}

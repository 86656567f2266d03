#!/usr/bin/env node
// The `cobrand-validate` command. Installed, @cobrand/schema runs its compiled dist/bin.js with
// plain Node. In a clone of the repository before `npm run build`, dist/ does not exist yet:
// this file (a source, so npm links the command at install) runs the TypeScript with tsx, a
// devDependency of the repository, instead of leaving npx to look the name up in the registry.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/bin.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../bin.ts', import.meta.url).href);
}

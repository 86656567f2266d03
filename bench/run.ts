/** `npm run bench`: runs every benchmark (or those named: `npm run bench -- validate`) and prints its figures. */
export {};

const BENCHMARKS = ['validate', 'worst-case', 'bundle', 'directory', 'first-paint', 'public-read', 'write-load'] as const;

const chosen = process.argv.slice(2).filter((name) => !name.startsWith('-'));
for (const name of chosen.length ? chosen : BENCHMARKS) {
  const module = (await import(`./${name}.ts`)) as { run: () => Promise<void> };
  await module.run();
}

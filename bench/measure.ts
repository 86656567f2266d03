/** Small timing helpers shared by the benchmarks. */
import { gzipSync } from 'node:zlib';

/** Median nanoseconds per call of `fn` over `rounds` rounds of `batch` calls, after a warm-up. */
export function nsPerCall(fn: () => unknown, { batch = 2000, rounds = 15 } = {}): number {
  for (let i = 0; i < batch * 3; i++) fn();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / batch);
  }
  return samples.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

export const gzipBytes = (code: string | Uint8Array): number => gzipSync(code, { level: 9 }).length;

export function report(name: string, figures: Record<string, string | number>): void {
  console.log(`\n${name}`);
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(34)} ${value}`);
}

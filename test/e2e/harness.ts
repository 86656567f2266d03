/** The real thing for end-to-end tests: `cobrand start` on a fresh store, and the machine's Chromium. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openDatabase, type Database } from '../../server/store/database.ts';
import { migrate } from '../../server/store/migrate.ts';

const CLI = fileURLToPath(new URL('../../server/bin/cobrand.js', import.meta.url));

export interface Service {
  url: string;
  editorUrl: string;
  reviewUrl: string;
  partnerToken: string;
  reviewerToken: string;
  stop(): Promise<void>;
}

/** `cobrand start` on a fresh store; `prepare` may first write to that store (it is closed before the service opens it). */
export async function startService({ prepare }: { prepare?: (db: Database) => Promise<void> } = {}): Promise<Service> {
  const dir = await mkdtemp(join(tmpdir(), 'cobrand-e2e-'));
  if (prepare) {
    const db = await openDatabase({ dataDir: join(dir, 'data') });
    try {
      await migrate(db);
      await prepare(db);
    } finally {
      await db.close();
    }
  }
  const child = spawn(process.execPath, [CLI, 'start'], { env: { ...process.env, COBRAND_DATA: join(dir, 'data'), DATABASE_URL: '', PORT: '0' } });
  const banner = await new Promise<string>((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Stop with Ctrl+C.')) resolve(output);
    });
    child.stderr.on('data', (chunk: Buffer) => { errors += chunk; });
    child.on('exit', (code) => reject(new Error(`cobrand start exited ${code}:\n${output}\n${errors}`)));
  });
  // A service that dies mid-test leaves only ECONNREFUSED behind: say how it ended, with its last words.
  let stopping = false;
  let lastWords = '';
  child.stderr.on('data', (chunk: Buffer) => { lastWords = (lastWords + chunk).slice(-4000); });
  child.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`\ncobrand start (pid ${child.pid}) exited during the tests: code ${code}, signal ${signal}\n${lastWords}\n`);
  });
  const find = (pattern: RegExp) => pattern.exec(banner)?.[1] ?? '';
  return {
    url: find(/running on (http:\/\/\S+)/),
    editorUrl: find(/Partner editor\s+(\S+)/),
    reviewUrl: find(/Reviewer console\s+(\S+)/),
    partnerToken: find(/Demo partner token \(acme-cloud\): (\S+)/),
    reviewerToken: find(/Demo reviewer token:\s+(\S+)/),
    stop: () => { stopping = true; return stop(child, dir); },
  };
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  await rm(dir, { recursive: true, force: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** Every console error and uncaught exception of the pages of a context, so a test can require none. */
export function watchConsole(context: BrowserContext, problems: string[], allow: RegExp[] = []): void {
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' && !allow.some((pattern) => pattern.test(message.text()))) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { completeDocument, withValue } from '../helpers/documents.ts';
import { startHarness } from '../server/harness.ts';

const CLI = fileURLToPath(new URL('../../server/bin/cobrand.js', import.meta.url));
const EXAMPLES = ['acme-cloud', 'minimal'].map((name) => fileURLToPath(new URL(`../../schema/examples/${name}.json`, import.meta.url)));

function cobrand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

describe('cobrand validate', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'cobrand-cli-')); });

  it('exits 0 for the examples', async () => {
    const { code, stdout } = await cobrand('validate', ...EXAMPLES);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /acme-cloud\.json: valid/);
  });

  it('exits 1 and prints one line per error with the file, the JSON Pointer and the message', async () => {
    const file = join(dir, 'broken.json');
    let doc = withValue(completeDocument(), '/promotionMenu/0/href', 'javascript:alert(1)');
    doc = withValue(doc, '/cloudMenu/account/hidden', ['sign-out']);
    await writeFile(file, JSON.stringify(doc));
    const { code, stdout } = await cobrand('validate', EXAMPLES[0]!, file);
    assert.equal(code, 1);
    const lines = stdout.split('\n').filter((line) => line.startsWith(file));
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /\/cloudMenu\/account\/hidden\/0: .*sign-out.* \[catalog\.mandatory\]/);
    assert.match(lines[1]!, /\/promotionMenu\/0\/href: .*https:\/\/.* \[url\.script-scheme\]/);
  });

  it('prints the messages in Chinese with --lang zh-CN', async () => {
    const file = join(dir, 'zh.json');
    await writeFile(file, JSON.stringify(withValue(completeDocument(), '/brand/navBackground', '#808080')));
    const { code, stdout } = await cobrand('validate', '--lang', 'zh-CN', file);
    assert.equal(code, 1);
    assert.match(stdout, /\/brand\/navBackground: 请选择/);
  });

  it('checks the partner with --partner', async () => {
    const { code, stdout } = await cobrand('validate', '--partner', 'globex', EXAMPLES[0]!);
    assert.equal(code, 1);
    assert.match(stdout, /\/partnerId: .*globex/);
  });

  it('reports malformed JSON with its line and column instead of crashing', async () => {
    const file = join(dir, 'malformed.json');
    await writeFile(file, '{\n  "schemaVersion": 1,\n  "partnerId": "x",\n}\n');
    const { code, stdout, stderr } = await cobrand('validate', file);
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`${file.replace(/[.]/g, '\\.')}:4:1: Malformed JSON at line 4, column 1`));
    assert.equal(stderr, '');
  });

  it('reads a file with a byte order mark as the service does, and refuses bytes that are not UTF-8 where they are', async () => {
    const marked = join(dir, 'marked.json');
    await writeFile(marked, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), await readFile(EXAMPLES[0]!)]));
    assert.equal((await cobrand('validate', marked)).code, 0, 'a byte order mark (Windows Notepad) is no part of the document');
    const latin1 = join(dir, 'latin1.json');
    await writeFile(latin1, Buffer.concat([Buffer.from('{\n  "partnerId": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]));
    const { code, stdout } = await cobrand('validate', latin1);
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`${latin1.replace(/[.]/g, '\\.')}:2:20: Not UTF-8: byte 0xE9 at line 2, column 20 \\(byte offset 21\\) begins no character\\. Save the file as UTF-8\\. \\[json\\.not-utf8\\]`));
  });

  it('reports a missing file and a file over the size limit as errors: 1 for a document that is not valid, 2 for a file it cannot read', async () => {
    const big = join(dir, 'big.json');
    await writeFile(big, JSON.stringify({ schemaVersion: 1, partnerId: 'x', padding: 'x'.repeat(300 * 1024) }));
    const { code, stdout } = await cobrand('validate', join(dir, 'missing.json'), big);
    assert.equal(code, 2, 'a file that cannot be read was not checked: an I/O error, as a usage error is');
    assert.match(stdout, /missing\.json: cannot read the file \(ENOENT\)/);
    assert.match(stdout, /^1 of 2 file\(s\) invalid; 1 could not be read$/m, 'a file not read is not called invalid');
    assert.match(stdout, /big\.json: The document is \d+ bytes; the limit is 262144 bytes/);
    assert.equal((await cobrand('validate', big)).code, 1, 'read, and not a valid document');
    assert.equal((await cobrand('validate', dir)).code, 2, 'a directory cannot be read as a file (EISDIR)');
    const json = await cobrand('validate', '--format', 'json', EXAMPLES[0]!, join(dir, 'missing.json'));
    assert.equal(json.code, 2);
    assert.deepEqual(JSON.parse(json.stdout).files.map((file: { valid: boolean }) => file.valid), [true, false]);
  });

  it('reads standard input for - and prints a JSON report with --format json (the code of cobrand-validate)', async () => {
    const input = JSON.stringify(withValue(completeDocument(), '/promotionMenu/0/href', 'javascript:alert(1)'));
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, [CLI, 'validate', '--format', 'json', '-'], (error, out) => resolve({ code: error ? (error.code as number) : 0, stdout: out }));
      child.stdin!.end(input);
    });
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.valid, false);
    assert.equal(report.files[0].file, '-');
    assert.deepEqual(report.files[0].errors.map((error: { path: string }) => error.path), ['/promotionMenu/0/href']);
  });

  /** The codes `cobrand validate --format json` gives for `doc`, by path. */
  async function cliCodes(doc: unknown, ...options: string[]): Promise<Array<[string, string]>> {
    const file = join(dir, `codes-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify(doc));
    const { stdout } = await cobrand('validate', '--format', 'json', ...options, file);
    return JSON.parse(stdout).files[0].errors.map((error: { path: string; code: string }) => [error.path, error.code]);
  }

  it('gives the codes the review service gives for text no store keeps, wherever it is', async () => {
    const h = await startHarness('pglite');
    try {
      const token = await h.partner('acme-cloud');
      for (const [what, doc] of [
        ['a NUL in a label', withValue(completeDocument(), '/promotionMenu/0/label/en-US', 'Back\u0000up')],
        ['an unpaired surrogate in a label', withValue(completeDocument(), '/promotionMenu/0/label/zh-CN', '备\ud800份')],
        ['a NUL in a link', withValue(completeDocument(), '/promotionMenu/0/href', 'https://www.acme.example/\u0000')],
        ['a NUL in a field name', withValue(completeDocument(), '/brand/x\u0000', 1)],
      ] as const) {
        const api = await h.request({ method: 'PUT', url: '/v1/partners/acme-cloud/draft', token, headers: { 'if-match': '"0"' }, payload: doc as object });
        assert.equal(api.statusCode, 400, `${what}: ${api.body}`);
        const fromApi = api.json().errors.map((error: { path: string; code: string }) => [error.path, error.code]);
        assert.deepEqual(await cliCodes(doc), fromApi, what);
      }
    } finally {
      await h.close();
    }
  });

  it('checks time windows against the current time, as the service does, or against --now', async () => {
    const ended = withValue(completeDocument(), '/promotionMenu/0/activeUntil', '2020-01-01T00:00:00+08:00');
    assert.deepEqual(await cliCodes(ended), [['/promotionMenu/0/activeUntil', 'window.ended']]);
    assert.deepEqual(await cliCodes(ended, '--now', '2019-12-31T23:00:00+08:00'), [], 'not yet ended at --now');
    assert.deepEqual(await cliCodes(ended, '--now', '2020-01-01T00:00:00Z'), [['/promotionMenu/0/activeUntil', 'window.ended']]);
    const h = await startHarness('pglite');
    try {
      const token = await h.partner('acme-cloud');
      const saved = await h.request({ method: 'PUT', url: '/v1/partners/acme-cloud/draft', token, headers: { 'if-match': '"0"' }, payload: ended as object });
      assert.deepEqual(saved.json().validation.errors.map((error: { path: string; code: string }) => [error.path, error.code]), await cliCodes(ended), 'the service says the same');
    } finally {
      await h.close();
    }
    for (const wrong of ['yesterday', '2026-12-01T09:00:00', '2026-02-30T09:00:00Z']) {
      const { code, stderr } = await cobrand('validate', '--now', wrong, EXAMPLES[0]!);
      assert.equal(code, 2, wrong);
      assert.match(stderr, /--now .*RFC 3339.*offset/, wrong);
    }
  });

  it('exits 2 with usage help when no file is named', async () => {
    const { code, stderr } = await cobrand('validate');
    assert.equal(code, 2);
    assert.match(stderr, /name at least one FILE/);
  });
});

describe('cobrand-validate in a clone of the repository', () => {
  it('is the workspace\'s own command after npm install, built or not, so npx never looks it up in the registry', async () => {
    const bin = fileURLToPath(new URL('../../node_modules/.bin/cobrand-validate', import.meta.url));
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(bin, EXAMPLES, (error, out) => resolve({ code: error ? (error.code as number) : 0, stdout: out }));
    });
    assert.equal(code, 0, stdout);
    assert.match(stdout, /acme-cloud\.json: valid/);
  });
});


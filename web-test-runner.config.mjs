// Component tests: @open-wc/testing in the machine's Chromium, TypeScript through esbuild.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { testApi } from './test/components/test-api.mjs';

export default {
  files: ['test/components/**/*.test.ts'],
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  middleware: [testApi],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
      },
    }),
  ],
  // FC_SEED replays a property test's documents, as in the node suites.
  testRunnerHtml: (testFramework) => `<html><body><script>globalThis.FC_SEED = ${JSON.stringify(process.env.FC_SEED ?? '')};</script>
    <script type="module" src="${testFramework}"></script></body></html>`,
  testFramework: { config: { timeout: 10000, grep: process.env.TEST_GREP } },
  testsFinishTimeout: 2 * 60 * 1000,
};

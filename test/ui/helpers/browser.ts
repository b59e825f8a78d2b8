import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Config } from '../../../src/config.js';
import type { EmulatorOverrides } from '../../../src/main.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { localTestProviders, type LocalTestProvider } from '../../helpers/test-provider.js';
import { ensureConsoleBuilt } from './console-build.js';

/** Debian's Chromium, installed by scripts/setup-chromium.sh. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the browser tests write their screenshots. */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-output/screenshots');

// Without the networking flags Chromium keeps trying to reach Google's hosts, which this machine refuses.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts headless Chromium, or fails saying how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`bash scripts/setup-chromium.sh\` (npm test runs it first) to install Debian's chromium.`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

let shared: Promise<Browser> | undefined;

/**
 * The Chromium of this test worker, started by the first console test file and kept for the next ones (a launch
 * costs 1.5-3 s; workers keep their modules from file to file). Every page is opened in a context of its own, with
 * its own cookies, storage and cache, so files share no state. One that went away is started again; it ends with the
 * worker, which closes its pipe.
 */
export async function sharedChromium(): Promise<Browser> {
  const browser = await (shared ??= launchChromium());
  if (browser.isConnected()) return browser;
  shared = launchChromium();
  return shared;
}

// Chromium drops the requests in flight whenever the machine's network interfaces change (net::ERR_NETWORK_CHANGED),
// which the Docker tests running beside these do each time they start or remove a container.
const NETWORK_CHANGED = 'net::ERR_NETWORK_CHANGED';
const PAGE_LOAD_ATTEMPTS = 3;

/** Navigates to a console page, again when the page or one of its own files was dropped by a network change (the console's API reads retry by themselves). */
async function loadPage(page: Page, url: string): Promise<void> {
  const dropped: string[] = [];
  const onFailed = (r: Request) => r.failure()?.errorText === NETWORK_CHANGED && ['document', 'script', 'stylesheet'].includes(r.resourceType()) && dropped.push(r.url());
  page.on('requestfailed', onFailed);
  try {
    for (let attempt = 1; ; attempt++) {
      dropped.length = 0;
      const navigated = await page.goto(url).then(
        () => true,
        (error: Error) => {
          if (attempt < PAGE_LOAD_ATTEMPTS && error.message.includes(NETWORK_CHANGED)) return false;
          throw error;
        },
      );
      if ((navigated && dropped.length === 0) || attempt >= PAGE_LOAD_ATTEMPTS) return;
    }
  } finally {
    page.off('requestfailed', onFailed);
  }
}

/** The worker's shared browser and a real emulator (LocalTest providers, Manual approvals) for one test file, with the built console. */
export interface ConsoleHarness {
  env: TestEmulator;
  /** The emulator's CodePipeline client. */
  client: CodePipelineClient;
  browser: Browser;
  providers: LocalTestProvider[];
  /** Opens a page on a console path (after `before` prepared it); uncaught page errors fail the test that opened it. */
  open(path: string, before?: (page: Page) => unknown): Promise<Page>;
  /** Saves a screenshot as test-output/screenshots/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
}

/** Builds the console if needed, starts an emulator (with `overrides` besides its LocalTest providers, e.g. a clock) before the tests of a file and stops it after, with the worker's Chromium. */
export function useConsoleHarness(config: Partial<Config> | (() => Partial<Config>) = {}, overrides: Omit<EmulatorOverrides, 'providers'> = {}): ConsoleHarness {
  const harness = { providers: localTestProviders() } as ConsoleHarness;
  const pages: { page: Page; errors: string[]; log: string[] }[] = [];
  beforeAll(async () => {
    await ensureConsoleBuilt();
    harness.env = await startTestEmulator(typeof config === 'function' ? config() : config, { overrides: { ...overrides, providers: harness.providers } });
    harness.client = harness.env.codepipeline();
    harness.browser = await sharedChromium();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterEach(async (context) => {
    const opened = pages.splice(0);
    // A failed test leaves what the browser saw: a screenshot of each page, and what it logged and failed to load.
    if (context.task.result?.state === 'fail') {
      for (const [i, p] of opened.entries()) {
        const shot = join(SCREENSHOT_DIR, `failed-${context.task.name.replace(/\W+/g, '-').slice(0, 80)}-${i}.png`);
        await p.page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
        console.log(`the page ${p.page.url()} when the test failed: ${shot}\n${p.log.join('\n') || '(it logged nothing and every request succeeded)'}`);
      }
    }
    await Promise.all(opened.map((p) => p.page.close()));
    const errors = opened.flatMap((p) => p.errors);
    if (errors.length) throw new Error(`the console threw in the browser:\n${errors.join('\n')}`);
  });
  afterAll(async () => {
    await harness.env?.close();
    console.log(`console screenshots: ${SCREENSHOT_DIR}`);
  });
  harness.open = async (path, before) => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const entry = { page, errors: [] as string[], log: [] as string[] };
    page.on('pageerror', (error) => entry.errors.push(error.stack ?? error.message));
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && entry.log.push(`console.${m.type()}: ${m.text()}`));
    page.on('requestfailed', (r) => entry.log.push(`request failed: ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
    page.on('response', (r) => r.status() >= 400 && entry.log.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`));
    pages.push(entry);
    await before?.(page);
    await loadPage(page, `${harness.env.url}${path}`);
    return page;
  };
  harness.screenshot = async (page, name) => {
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
  return harness;
}

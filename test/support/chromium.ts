// Debian's Chromium for the browser tests, driven by playwright-core: never a downloaded browser. Without it the
// browser tests skip with a warning, unless REQUIRE_BROWSER=1 (CI), where its absence fails the run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether Chromium is here; when it is not, throws under REQUIRE_BROWSER=1 and otherwise warns once per file. */
export function chromiumPresent(): boolean {
  const present = existsSync(CHROMIUM);
  if (!present) {
    if (process.env.REQUIRE_BROWSER === '1')
      throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: install Debian's chromium`);
    console.warn(`\n⚠ SKIPPING the browser tests: ${CHROMIUM} is missing (set REQUIRE_BROWSER=1 to make this fail)\n`);
  }
  return present;
}

/**
 * Chromium headless with a fresh, empty profile (playwright passes it as --user-data-dir) and no background
 * traffic; `close` ends it and removes the profile.
 */
export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<{ browser: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'upsu-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    ...options,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

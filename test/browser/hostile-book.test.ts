// The policy book of a rules folder from someone else, opened from file:// in real Chromium: no script of its
// texts runs (in HTML text, attributes, the inline scripts that embed the rules and labels, the drawing), the
// checker still decides by its rules, and the page's Content-Security-Policy stops a script that got into the page
// some other way. Debian's /usr/bin/chromium driven by playwright-core; never a downloaded browser. Without Chromium
// these tests skip with a warning, unless REQUIRE_BROWSER=1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocs } from '../../src/docs/generate.js';
import { chromiumPresent, launchChromium } from '../support/chromium.js';
import { hasControl, hostileRules } from '../support/hostile-rules.js';

const present = chromiumPresent();

describe.skipIf(!present)('the book of a hostile rules folder in Chromium', () => {
  let site: string;
  let closeBrowser: (() => Promise<void>) | undefined;
  let browser: BrowserContext;

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'upsu-hostile-site-'));
    await generateDocs({ outDir: site, rulesDir: hostileRules() });
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 60_000);

  afterAll(async () => {
    await closeBrowser?.();
    rmSync(site, { recursive: true, force: true });
  });

  /** Opens a page of the site, recording what the Content-Security-Policy blocked and any dialog. */
  async function open(file: string): Promise<{ page: Page; blocked: () => Promise<string[]>; dialogs: string[] }> {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { blocked: string[] };
      w.blocked = [];
      document.addEventListener('securitypolicyviolation', (e) => w.blocked.push(e.effectiveDirective));
    });
    await page.goto(`file://${join(site, file)}`);
    const blocked = () => page.evaluate(() => (window as unknown as { blocked: string[] }).blocked);
    return { page, blocked, dialogs };
  }

  const pwned = (page: Page) => page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned);

  it('no text of the folder runs as script, and the checker answers by its rules', async () => {
    const { page, blocked, dialogs } = await open('index.html');
    await page.waitForSelector('#disclosure-result [data-outcome]');
    await page.selectOption('#d-recipient', 'university-staff');
    await page.fill('#a-json', '{"question":"contact","channel":"email","situation":"direct"}');
    await page.waitForSelector('#any-result [data-outcome="permit"]');
    // The folder's rule text is shown as text, in the result the checker wrote with innerHTML.
    const result = (await page.locator('#disclosure-result').textContent()) ?? '';
    expect(result).toContain('<img src=x onerror="window.pwned=2">');
    // Its U+202E and ESC are U+FFFD there, as in the book around it: nothing shows in another order.
    expect(result).toContain('\ufffdderaluger\ufffd \ufffd');
    // Its CRLF is a line break, as the HTML parser reads one, not U+FFFD and a line break.
    expect(result).toContain('</details>\n<script>window.pwned=4</script>');
    expect(hasControl(result)).toBe(false);
    expect(hasControl((await page.locator('main').textContent()) ?? '')).toBe(false);
    expect(await pwned(page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // Only code generation was refused (the checker compiles to closures instead); no script, style or fetch.
    expect(new Set(await blocked())).toEqual(new Set(['script-src']));
    await page.close();
  });

  it('a script that got into the page anyway does not run: the Content-Security-Policy stops it', async () => {
    const html = readFileSync(join(site, 'index.html'), 'utf8');
    writeFileSync(
      join(site, 'injected.html'),
      html.replace(
        '<main>',
        '<main><script>window.pwned = "inline"</script><img src="x" onerror="window.pwned = \'handler\'">',
      ),
    );
    const { page, blocked } = await open('injected.html');
    await page.waitForSelector('#disclosure-result [data-outcome]');
    expect(await pwned(page)).toBeUndefined();
    expect(await blocked()).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));
    await page.close();
  });
});

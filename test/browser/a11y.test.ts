// The committed policy book (docs/index.html and docs/breach-chain.svg) against WCAG 2.2 AA in real Chromium:
// axe-core injected into the page loaded from file://, in the light and the dark theme, before and after the
// checker answers; and what axe cannot see: keyboard use through the checker, errors tied to their fields, reflow
// at 320 px, the drawing's text alternative, and the contrast of the theme's colours (theme.ts). Debian's
// /usr/bin/chromium driven by playwright-core; never a downloaded browser. Without Chromium the browser tests skip
// with a warning, unless REQUIRE_BROWSER=1.
import { join } from 'node:path';
import axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { themeCss } from '../../src/docs/theme.js';
import { chromiumPresent, launchChromium } from '../support/chromium.js';

const present = chromiumPresent();

const DOCS = new URL('../../docs/', import.meta.url).pathname;
const INDEX = `file://${join(DOCS, 'index.html')}`;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe's violations of the WCAG A and AA tags, one line per element (empty when none), in the whole page or in the
 * part `within` selects (a run over the whole book takes about 4 s, most of it measuring the contrast of its text).
 */
async function violations(page: Page, within?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(
    async ([tags, selector]) => {
      const run = (window as unknown as { axe: typeof axe }).axe.run;
      const context = selector ? { include: [selector] } : document;
      const r = await run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${v.help})`));
    },
    [TAGS, within] as const,
  );
}

/** `#rgb` or `#rrggbb` as [r, g, b]. */
const rgb = (hex: string) => {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
};
/** WCAG relative luminance. */
const luminance = (c: number[]) => {
  const [r = 0, g = 0, b = 0] = c.map((v) =>
    v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
/** WCAG contrast ratio. */
const ratio = (a: number[], b: number[]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/**
 * The drawing as Chromium's accessibility tree gives it to a screen reader: its name, its description, and any
 * words of it a screen reader could still reach inside the image (the drawing's own lines, read out of order).
 */
async function drawing(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const images = nodes.filter((n) => n.role?.value === 'image' && String(n.name?.value ?? '').startsWith('The breach'));
  const words: string[] = [];
  const walk = (id: string) => {
    const n = byId.get(id);
    if (!n) return;
    if (!n.ignored && n.role?.value === 'StaticText') words.push(String(n.name?.value ?? ''));
    for (const c of n.childIds ?? []) walk(c);
  };
  for (const c of images[0]?.childIds ?? []) walk(c);
  return {
    images: images.length,
    name: String(images[0]?.name?.value ?? ''),
    description: String(images[0]?.description?.value ?? ''),
    wordsInside: words,
  };
}

describe.skipIf(!present)('docs accessibility in Chromium (axe-core, WCAG 2.2 AA)', () => {
  let closeBrowser: (() => Promise<void>) | undefined;
  let browser: BrowserContext;

  const open = async (url: string, scheme: 'light' | 'dark' = 'light', width = 1024) => {
    const page = await browser.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(url);
    return page;
  };
  const ready = (page: Page) => page.waitForSelector('#disclosure-result [data-outcome]');

  beforeAll(async () => {
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 60_000);

  afterAll(async () => {
    await closeBrowser?.();
  });

  for (const scheme of ['light', 'dark'] as const)
    it(`index.html has no WCAG A/AA violation in the ${scheme} theme, before and after the checker answers`, async () => {
      const page = await open(INDEX, scheme);
      await ready(page);
      expect(await violations(page)).toEqual([]);
      // One question asked: the result region holds an outcome, reasons, clause links and headings.
      await page.selectOption('#d-recipient', 'third-party');
      await page.selectOption('#d-kind', 'presence');
      await page.waitForSelector('#disclosure-result [data-outcome="deny"]');
      // And two errors shown: the JSON tool's and a date the browser cannot read, each flagged on its field.
      await page.fill('#a-json', '{"question": ');
      await page.selectOption('#r-status', 'completed');
      await page.locator('#r-completed').pressSequentially('0230');
      await page.waitForSelector('#retention-result .outcome-error');
      // Only the checker changed: its section again, not the whole book.
      expect(await violations(page, '#checker')).toEqual([]);
      await page.close();
    });

  it('the page: one h1, headings in order, lang, main and nav landmarks, outcomes in words', async () => {
    const page = await open(INDEX);
    await ready(page);
    const facts = await page.evaluate(() => {
      const levels = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) => Number(h.tagName[1]));
      return {
        lang: document.documentElement.lang,
        h1: levels.filter((l) => l === 1).length,
        first: levels[0],
        skipped: levels.filter((l, i) => i > 0 && l > (levels[i - 1] ?? 0) + 1).length,
        main: document.querySelectorAll('main').length,
        nav: document.querySelectorAll('nav[aria-label]').length,
        // An outcome is never a colour alone: each coloured outcome says its outcome in words.
        colourOnly: Array.from(document.querySelectorAll('[class*="o-"], [data-outcome]'))
          .filter((e) => /\bo-|outcome/.test(String(e.className)) || e.hasAttribute('data-outcome'))
          .filter((e) => !(e.textContent ?? '').trim()).length,
        unlabelled: Array.from(document.querySelectorAll('input, select, textarea'))
          .filter((e) => !(e as HTMLInputElement).labels?.length)
          .map((e) => e.id),
      };
    });
    expect(facts).toEqual({
      lang: 'en-GB',
      h1: 1,
      first: 1,
      skipped: 0,
      main: 1,
      nav: 1,
      colourOnly: 0,
      unlabelled: [],
    });
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const)
    it(`the JSON box's border shows the control at 3:1 or more against the page (WCAG 1.4.11), ${scheme} theme`, async () => {
      const page = await open(INDEX, scheme);
      await ready(page);
      const [border, bg] = await page.evaluate(() => [
        getComputedStyle(document.getElementById('a-json') as HTMLElement).borderTopColor,
        getComputedStyle(document.body).backgroundColor,
      ]);
      const parse = (c: string) => (c.match(/\d+/g) ?? []).slice(0, 3).map(Number);
      expect(ratio(parse(border), parse(bg))).toBeGreaterThanOrEqual(3);
      await page.close();
    });

  it('keyboard: Tab goes through each form into its result, without rewriting the result or losing the focus', async () => {
    const page = await open(INDEX);
    await ready(page);
    await page.evaluate(() => {
      const w = window as unknown as { rewrites: number };
      w.rewrites = 0;
      for (const el of Array.from(document.querySelectorAll('.result')))
        new MutationObserver(() => w.rewrites++).observe(el, { childList: true, subtree: true });
    });
    await page.focus('#d-actor');
    const stops: string[] = [];
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const e = document.activeElement;
          if (!e || e === document.body) return 'BODY';
          const style = getComputedStyle(e);
          const ring = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
          return `${e.closest('.result') ? 'result ' : ''}${e.tagName.toLowerCase()}#${e.id}${ring ? '' : ' (no focus ring)'}`;
        }),
      );
    }
    // The disclosure form's controls in order, then the first clause link of its result. (The decision's content
    // is off while no decision is taken, so the last stop is who took it.)
    expect(stops.slice(0, 3)).toEqual(['select#d-recipient', 'input#d-involved', 'input#d-appointed']);
    expect(stops).not.toContain('input#d-written');
    expect(stops).toContain('select#d-decided-by');
    expect(stops[stops.indexOf('select#d-decided-by') + 1]).toBe('result a#');
    expect(stops.filter((s) => s === 'BODY' || s.endsWith('(no focus ring)'))).toEqual([]);
    // Moving through the form changes no answer, so the live region is not rewritten (and not read out again).
    expect(await page.evaluate(() => (window as unknown as { rewrites: number }).rewrites)).toBe(0);
    await page.close();
  });

  it('a screen reader is told the outcome in one line, when it changes; the whole result is read after the form', async () => {
    const page = await open(INDEX);
    await ready(page);
    const status = (f: string) => page.locator(`#${f}-status`).textContent();
    // The result region (reasons, clause texts, obligations) is not live: only the status line is.
    expect(
      await page.evaluate(() =>
        Array.from(document.querySelectorAll('[aria-live], [role="status"], [role="alert"]')).map((e) => e.id),
      ),
    ).toEqual(['disclosure-status', 'retention-status', 'breach-status', 'any-status']);
    expect(await page.locator('#disclosure-status').evaluate((e) => getComputedStyle(e).position)).toBe('absolute');
    // What the result shows, as the status line should say it.
    const expected = async (f: string, name: string) => {
      const outcome = await page.getAttribute(`#${f}-result [data-outcome]`, 'data-outcome');
      const clauses = await page
        .locator(`#${f}-result [data-clause]`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-clause')));
      return `${name}: ${outcome}, clause${clauses.length === 1 ? '' : 's'} ${clauses.join(', ')} (the reasons after the form).`;
    };
    // The answers the page loads with are not announced: each status line is empty until its decision changes.
    for (const f of ['disclosure', 'retention', 'breach', 'any']) expect(await status(f)).toBe('');
    await page.evaluate(() => {
      const w = window as unknown as { announced: string[] };
      w.announced = [];
      for (const el of Array.from(document.querySelectorAll('[role="status"]')))
        new MutationObserver(() => w.announced.push(el.textContent ?? '')).observe(el, {
          childList: true,
          subtree: true,
          characterData: true,
        });
    });
    const announced = () => page.evaluate(() => (window as unknown as { announced: string[] }).announced);
    // Moving through a form as loaded (each Tab re-decides it) announces nothing.
    await page.focus('#r-status');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await announced()).toEqual([]);
    // An answer that changes the decision: announced once, in one line, with no clause text in it.
    await page.fill('#a-json', '{"question": "contact", "channel": "email", "situation": "direct"}');
    await page.waitForSelector('#any-result [data-outcome="permit"]');
    expect(await announced()).toEqual([await expected('any', 'Decision')]);
    await page.selectOption('#d-recipient', 'third-party');
    await page.selectOption('#d-kind', 'case-record');
    await page.selectOption('#d-consent', 'consent-to-share');
    await page.check('#d-recorded');
    await page.waitForSelector('#disclosure-result [data-outcome="permit"]');
    const now = await announced();
    expect(now.at(-1)).toBe(await expected('disclosure', 'Disclosure decision'));
    expect(now.at(-1)).toMatch(
      /^Disclosure decision: permit, clauses? [\d.]+(, [\d.]+)* \(the reasons after the form\)\.$/,
    );
    expect(await status('disclosure')).toBe(now.at(-1));
    // Moving through the form decides the same: nothing is announced again.
    await page.focus('#d-actor');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    expect(await announced()).toEqual(now);
    // A retention answer whose date moves is announced again, with the date, though the outcome stays the same.
    await page.selectOption('#r-status', 'completed');
    await page.fill('#r-asof', '2026-01-01');
    await page.fill('#r-completed', '2024-06-30');
    await page.waitForSelector('#retention-result [data-outcome="destroy"]');
    expect(await status('retention')).toBe(
      'Retention decision: destroy, destroy after 2025-06-30, clause 3.3 (the reasons after the form).',
    );
    await page.fill('#r-completed', '2024-01-31');
    expect(await status('retention')).toBe(
      'Retention decision: destroy, destroy after 2025-01-31, clause 3.3 (the reasons after the form).',
    );
    // A breach chain's next step is said too.
    await page.selectOption('#b-raised-by', 'adviser');
    await page.selectOption('#b-raised-with', 'advice-lead');
    expect(await status('breach')).toMatch(
      /^Breach decision: pending, next step: .+ \(the reasons after the form\)\.$/,
    );
    // Not decided: says so, how many problems, where the first three are and of what kind.
    await page.fill('#a-json', '{"question": ');
    expect(await status('any')).toBe(
      'Decision: not decided, the question is not valid JSON (the problems after the form).',
    );
    await page.fill('#a-json', '{"question": "retention", "client": {"degreeStatus": "graduated"}, "asOf": "x"}');
    expect(await status('any')).toBe(
      'Decision: not decided, 2 problems with the answers: asOf, invalid date; client.degreeStatus, invalid value (the problems after the form).',
    );
    // One problem that moves to another field is announced again, though there is still one.
    await page.fill('#a-json', '{"question": "retention", "client": {"degreeStatus": "graduated"}}');
    expect(await status('any')).toBe(
      'Decision: not decided, 1 problem with the answers: client.degreeStatus, invalid value (the problems after the form).',
    );
    await page.fill('#a-json', '{"question": "retention", "client": {"degreeStatus": "completed"}, "extra": 1}');
    expect(await status('any')).toBe(
      'Decision: not decided, 1 problem with the answers: extra, unknown field (the problems after the form).',
    );
    // Past three, the rest are counted.
    await page.fill('#a-json', '{"question": "disclosure", "a": 1, "b": 2, "c": 3, "d": 4}');
    expect(await status('any')).toBe(
      'Decision: not decided, 7 problems with the answers: actor, required; recipient, required; information, required; 4 more (the problems after the form).',
    );
    await page.close();
  });

  it('errors are tied to their fields (aria-invalid, aria-describedby) and name them, and are cleared when fixed', async () => {
    const page = await open(INDEX);
    await ready(page);
    const field = (id: string) =>
      page.locator(`#${id}`).evaluate((e) => ({
        invalid: e.getAttribute('aria-invalid'),
        describedBy: e.getAttribute('aria-describedby'),
      }));
    await page.selectOption('#r-status', 'completed');
    await page.fill('#r-completed', '');
    await page.locator('#r-completed').pressSequentially('0230');
    expect(await field('r-completed')).toEqual({ invalid: 'true', describedBy: 'r-completed-hint retention-error' });
    expect(await field('r-asof')).toEqual({ invalid: null, describedBy: 'r-asof-hint' });
    expect(await page.locator('#retention-error').textContent()).toContain('(Degree completed on)');
    // A date the browser reads but the library refuses (a five-digit year) is flagged on its field too.
    await page.fill('#r-completed', '2024-06-30');
    expect(await field('r-completed')).toEqual({ invalid: null, describedBy: 'r-completed-hint' });
    await page.locator('#r-asof').evaluate((e) => {
      (e as HTMLInputElement).value = '12026-01-01';
      e.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(await field('r-asof')).toEqual({ invalid: 'true', describedBy: 'r-asof-hint retention-error' });
    expect(await page.locator('#retention-error').textContent()).toContain('asOf (As of)');
    // The status line names the field by its label.
    expect(await page.locator('#retention-status').textContent()).toBe(
      'Retention decision: not decided, 1 problem with the answers: As of, invalid date (the problems after the form).',
    );
    await page.fill('#r-asof', '2026-01-01');
    expect(await field('r-asof')).toEqual({ invalid: null, describedBy: 'r-asof-hint' });
    expect(await page.locator('#retention-result [data-outcome]').count()).toBe(1);

    await page.fill('#a-json', '{"question": ');
    expect(await field('a-json')).toEqual({ invalid: 'true', describedBy: 'any-error' });
    expect(await page.locator('#any-error').textContent()).toContain('not valid JSON');
    await page.fill('#a-json', '{"question": "access", "actor": {"role": "nobody"}}');
    expect(await field('a-json')).toEqual({ invalid: 'true', describedBy: 'any-error' });
    expect(await page.locator('#any-error').textContent()).toContain('actor.role');
    await page.selectOption('#a-example', 'access');
    expect(await field('a-json')).toEqual({ invalid: null, describedBy: null });
    await page.close();
  });

  it('reflows at 320 CSS px (400% zoom), also with WCAG text spacing: no sideways scrolling of the page', async () => {
    const page = await open(INDEX, 'light', 320);
    await ready(page);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.addStyleTag({
      content:
        '* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; } p { margin-bottom: 2em !important; }',
    });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('the drawing of the breach chain is an image named by its title and described by every step, read once', async () => {
    const page = await open(INDEX);
    await ready(page);
    const steps = await page
      .locator('#breach-chain ol.chain > li')
      .evaluateAll((xs) => xs.map((x) => (x.textContent ?? '').replace(/ \([^()]*\)$/, '')));
    expect(steps.length).toBeGreaterThanOrEqual(6);
    const title = 'The breach-of-confidentiality chain (5.4–5.5)';
    const inline = await drawing(page);
    expect(inline).toMatchObject({ images: 1, name: title, wordsInside: [] });
    for (const s of steps) expect(inline.description).toContain(s);
    await page.close();

    const alone = await open(`file://${join(DOCS, 'breach-chain.svg')}`);
    const own = await drawing(alone);
    expect(own).toMatchObject({ images: 1, name: title, wordsInside: [] });
    for (const s of steps) expect(own.description).toContain(s);
    for (const scheme of ['light', 'dark'] as const) {
      await alone.emulateMedia({ colorScheme: scheme });
      expect(await violations(alone)).toEqual([]);
    }
    await alone.close();
  });

  it('fails when a control loses its label (the check can fail)', async () => {
    const page = await open(INDEX);
    await ready(page);
    await page.evaluate(() => document.querySelector('label[for="d-kind"]')?.remove());
    expect(await violations(page, '#checker')).toEqual([expect.stringMatching(/^(label|select-name): #d-kind/)]);
    await page.close();
  });
});

// WCAG 1.4.3 and 1.4.11 for the palette itself: axe measures the page's text but not the drawing's, nor colours a
// state the test did not reach. Read from theme.ts's CSS, so a colour changed there is checked here.
describe('the theme colours (theme.ts) have WCAG AA contrast', () => {
  const palettes = () => {
    const css = themeCss(':root');
    const dark = css.slice(css.indexOf('@media'));
    const read = (s: string) =>
      Object.fromEntries(Array.from(s.matchAll(/--([a-z]+): (#[0-9a-f]{3,6});/g), (m) => [m[1], m[2]])) as Record<
        string,
        string
      >;
    return { light: read(css.slice(0, css.indexOf('@media'))), dark: read(dark) };
  };
  // The checker's result background: `color-mix(in srgb, var(--accent) 6%, transparent)` over the page.
  const tint = (accent: number[], bg: number[]) => accent.map((v, i) => v * 0.06 + (bg[i] ?? 0) * 0.94);

  for (const [name, p] of Object.entries(palettes()))
    it(`${name}: text ≥ 4.5:1 on the page and on the result background`, () => {
      const need = ['fg', 'bg', 'muted', 'accent', 'permit', 'deny', 'other'];
      expect(need.filter((k) => !p[k])).toEqual([]);
      const bg = rgb(p.bg as string);
      const behind = [bg, tint(rgb(p.accent as string), bg)];
      const low = need
        .filter((k) => k !== 'bg')
        .flatMap((k) =>
          behind.map((b, i) => [`${k}${i ? ' on the result' : ''}`, ratio(rgb(p[k] as string), b)] as const),
        )
        .filter(([, r]) => r < 4.5);
      expect(low).toEqual([]);
    });
});

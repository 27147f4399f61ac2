// The docs' live checker in real Chromium: the generated site served from 127.0.0.1, the forms answered as a
// user would, the outcome and clauses read off the page. Debian's /usr/bin/chromium driven by playwright-core;
// never a downloaded browser. Without Chromium these tests skip with a warning, unless REQUIRE_BROWSER=1.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocs } from '../../src/docs/generate.js';
import { evaluate, QUESTION_KINDS } from '../../src/index.js';
import { chromiumPresent, launchChromium } from '../support/chromium.js';

const present = chromiumPresent();

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
};

describe.skipIf(!present)('docs checker in Chromium', () => {
  let site: string;
  let closeBrowser: (() => Promise<void>) | undefined;
  let server: Server;
  let base: string;
  let browser: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const outside: string[] = [];

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'upsu-docs-site-'));
    await generateDocs({ outDir: site });
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
        /^(\.\.[/\\])+/,
        '',
      );
      const file = join(site, path === '/' ? 'index.html' : path);
      if (!file.startsWith(site) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ browser, close: closeBrowser } = await launchChromium({ viewport: { width: 390, height: 844 } }));
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    await page.goto(`${base}/index.html`);
    await page.waitForSelector('#disclosure-result [data-outcome]');
  }, 60_000);

  afterAll(async () => {
    await closeBrowser?.();
    await new Promise((ok) => server?.close(ok));
    rmSync(site, { recursive: true, force: true });
  });

  const result = async (form: string) => {
    const el = page.locator(`#${form}-result`);
    return {
      outcome: await el.locator('[data-outcome]').getAttribute('data-outcome'),
      clauses: await el.locator('li[data-clause]').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-clause'))),
      text: (await el.textContent()) ?? '',
    };
  };

  it('window.upsuPolicy.evaluate is the real library', async () => {
    const d = await page.evaluate(() =>
      (
        window as unknown as { upsuPolicy: { evaluate: (q: unknown) => { outcome: string; clauses: string[] } } }
      ).upsuPolicy.evaluate({
        question: 'disclosure',
        actor: { role: 'adviser' },
        recipient: { role: 'third-party', name: 'parent' },
        information: { kind: 'presence', identifiable: true },
      }),
    );
    expect(d.outcome).toBe('deny');
    expect(d.clauses).toContain('P4');
  });

  it('a parent asking whether a student came in: deny, P4, state the policy and decline', async () => {
    await page.selectOption('#d-recipient', 'third-party');
    await page.selectOption('#d-kind', 'presence');
    const r = await result('disclosure');
    expect(r.outcome).toBe('deny');
    expect(r.clauses).toContain('P4');
    expect(r.clauses).toContain('P6');
    expect(r.text).toContain('state-policy-and-decline');
    expect(r.text).toContain('UPSU will not confirm the client');
  });

  it('the same with a signed Consent to Share, not yet recorded: permit with record-consent (2.1)', async () => {
    await page.selectOption('#d-consent', 'consent-to-share');
    const r = await result('disclosure');
    expect(r.outcome).toBe('permit');
    expect(r.clauses).toContain('2.1');
    expect(r.text).toContain('record-consent');
    await page.check('#d-recorded');
    expect((await result('disclosure')).text).not.toContain('record-consent');
  });

  it('a case record to University staff without consent: deny (P2, P3)', async () => {
    await page.selectOption('#d-consent', '');
    await page.selectOption('#d-kind', 'case-record');
    await page.selectOption('#d-recipient', 'university-staff');
    const r = await result('disclosure');
    expect(r.outcome).toBe('deny');
    expect(r.clauses).toEqual(expect.arrayContaining(['P2', 'P3']));
  });

  it('a breach on the ground of harm with no authorisation: escalate to the Advice Service Lead (5.4.1)', async () => {
    await page.selectOption('#d-recipient', 'third-party');
    await page.selectOption('#d-ground', 'harm');
    let r = await result('disclosure');
    expect(r.outcome).toBe('escalate');
    expect(r.clauses).toContain('5.4.1');
    expect(r.text).toContain('Advice Service Lead');
    await page.selectOption('#d-decided-by', 'advice-lead');
    await page.check('#d-written');
    r = await result('disclosure');
    expect(r.outcome).toBe('permit');
    expect(r.clauses).toContain('5.5.2');
  });

  it('a decision on breaching answered with no ground is not dropped: it is asked, and the ground is asked for', async () => {
    // The decision's answers were left out of the question when no ground was chosen: the Chief Executive's
    // written agreement read as "deny, no consent (P3)", as if it had not been given.
    await page.selectOption('#d-recipient', 'third-party');
    await page.selectOption('#d-ground', '');
    await page.selectOption('#d-decided-by', 'chief-executive');
    await page.selectOption('#d-agreed', 'yes');
    await page.check('#d-written');
    expect(await page.locator('#disclosure-result [data-outcome]').count()).toBe(0);
    expect(await page.locator('#disclosure-error').textContent()).toContain('(Ground for breaching confidentiality)');
    expect(await page.getAttribute('#d-ground', 'aria-invalid')).toBe('true');
    await page.selectOption('#d-ground', 'harm');
    const r = await result('disclosure');
    expect(r.outcome).toBe('permit');
    expect(r.clauses).toContain('5.5.2');
    expect(await page.getAttribute('#d-ground', 'aria-invalid')).toBeNull();
    await page.selectOption('#d-ground', '');
    await page.uncheck('#d-written');
    await page.selectOption('#d-decided-by', '');
  });

  it('answers that mean something only once another is given are off until it is', async () => {
    // Left on, "the decision: agreed" with no decision taken, or "recorded" with no consent, could be answered and
    // then ignored without a word.
    const off = (id: string) => page.isDisabled(`#${id}`);
    expect(await off('d-recorded')).toBe(true);
    expect(await off('d-agreed')).toBe(true);
    expect(await off('d-written')).toBe(true);
    expect(await off('b-agreed')).toBe(true);
    expect(await off('b-written')).toBe(true);
    await page.selectOption('#d-consent', 'email');
    expect(await off('d-recorded')).toBe(false);
    await page.selectOption('#d-decided-by', 'advice-lead');
    expect([await off('d-agreed'), await off('d-written')]).toEqual([false, false]);
    await page.selectOption('#b-decided-by', 'advice-lead');
    expect([await off('b-agreed'), await off('b-written')]).toEqual([false, false]);
    // The answers the form asks first are never off.
    expect(await off('d-consent')).toBe(false);
    expect(await off('b-decided-by')).toBe(false);
    await page.selectOption('#d-consent', '');
    await page.selectOption('#d-decided-by', '');
    await page.selectOption('#b-decided-by', '');
    expect(await off('d-recorded')).toBe(true);
    expect(await off('b-written')).toBe(true);
  });

  it('an answer that is off looks off, and says which answer to give first; in error, a field is marked on it', async () => {
    // What a sighted user sees: the label in the muted colour and a note, only while the answer is off.
    const look = (id: string) =>
      page.evaluate((id) => {
        const el = document.getElementById(id) as HTMLElement;
        const field = el.closest('.field') as HTMLElement;
        const note = field.querySelector('.when-off') as HTMLElement | null;
        const label = document.querySelector(`label[for="${id}"]`) as HTMLElement;
        const plain = document.querySelector('label[for="d-actor"]') as HTMLElement;
        return {
          muted: getComputedStyle(label).color !== getComputedStyle(plain).color,
          note: note && getComputedStyle(note).display !== 'none' ? note.textContent : null,
        };
      }, id);
    expect(await look('d-recorded')).toEqual({ muted: true, note: "Answer “The client's consent” first." });
    expect(await look('b-agreed')).toEqual({ muted: true, note: 'Answer “Decision taken by” first.' });
    await page.selectOption('#d-consent', 'email');
    expect(await look('d-recorded')).toEqual({ muted: false, note: null });
    await page.selectOption('#d-consent', '');
    // A field in error has a border of the deny colour, and loses it once the error is mended.
    const border = () => page.$eval('#d-ground', (el) => getComputedStyle(el).borderTopColor);
    const before = await border();
    await page.selectOption('#d-decided-by', 'chief-executive');
    expect(await page.getAttribute('#d-ground', 'aria-invalid')).toBe('true');
    const deny = await page.$eval('#d-ground', (el) =>
      getComputedStyle(el).getPropertyValue('--deny').trim() ? getComputedStyle(el).borderTopColor : '',
    );
    expect(deny).not.toBe(before);
    expect(await page.$eval('#d-ground', (el) => getComputedStyle(el).borderTopWidth)).toBe('2px');
    // The error's field names are code, not Markdown backticks.
    const error = page.locator('#disclosure-error');
    expect(await error.textContent()).not.toContain('`');
    expect(await error.locator('li code').allTextContents()).toContain('breach.ground');
    await page.selectOption('#d-decided-by', '');
    expect(await border()).toBe(before);
  });

  it('is usable by keyboard: labels on every control, the outcome announced politely by a status line', async () => {
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#checker select, #checker input'))
        .filter((el) => !document.querySelector(`label[for="${el.id}"]`))
        .map((el) => el.id),
    );
    expect(unlabelled).toEqual([]);
    for (const f of ['disclosure', 'retention', 'breach', 'any']) {
      expect(await page.getAttribute(`#${f}-status`, 'aria-live')).toBe('polite');
      expect(await page.getAttribute(`#${f}-result`, 'aria-live')).toBeNull();
    }
    await page.focus('#d-actor');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('d-recipient');
  });

  it('retention and breach-chain forms decide too', async () => {
    await page.selectOption('#r-status', 'completed');
    await page.fill('#r-completed', '2024-06-30');
    await page.fill('#r-asof', '2026-01-01');
    let r = await result('retention');
    expect(r.outcome).toBe('destroy');
    expect(r.clauses).toContain('3.3');
    await page.selectOption('#b-raised-by', 'adviser');
    await page.selectOption('#b-raised-with', 'advice-lead');
    r = await result('breach');
    expect(r.outcome).toBe('pending');
    // The role of the next step is who it is done with, not by: the adviser discusses it with the Lead.
    expect(r.text).toContain('Next step: discuss it with the Advice Service Lead');
    await page.selectOption('#b-discussed', 'recorded');
    await page.selectOption('#b-decided-by', 'advice-lead');
    await page.selectOption('#b-agreed', 'no');
    r = await result('breach');
    expect(r.outcome).toBe('refused');
    expect(r.clauses).toContain('5.5.3');
  });

  it('the breach chain asks when information was disclosed: before the decision is non-compliant (5.5.4)', async () => {
    // A checkbox "Information has been disclosed" put the disclosure after the decision, always: a disclosure
    // made before the Lead's written agreement read as authorised.
    await page.selectOption('#b-raised-by', 'adviser');
    await page.selectOption('#b-raised-with', 'advice-lead');
    await page.selectOption('#b-discussed', 'recorded');
    await page.selectOption('#b-decided-by', 'advice-lead');
    await page.selectOption('#b-agreed', 'yes');
    await page.check('#b-written');
    await page.selectOption('#b-disclosed', 'after');
    expect((await result('breach')).outcome).toBe('authorised');
    await page.selectOption('#b-disclosed', 'before');
    const r = await result('breach');
    expect(r.outcome).toBe('non-compliant');
    expect(r.clauses).toEqual(['5.5.4']);
    expect(r.text).toContain('disclosed-before-authorisation');
    await page.selectOption('#b-disclosed', '');
    expect((await result('breach')).outcome).toBe('authorised');
    await page.uncheck('#b-written');
  });

  it('a date the browser cannot read is not taken as not given', async () => {
    await page.selectOption('#r-status', 'completed');
    await page.fill('#r-completed', '');
    await page.locator('#r-completed').pressSequentially('0230');
    const text = (await page.locator('#retention-result').textContent()) ?? '';
    expect(await page.locator('#r-completed').evaluate((i) => (i as HTMLInputElement).validity.badInput)).toBe(true);
    expect(text).toContain('a date is incomplete or not a real date');
    await page.fill('#r-completed', '2024-06-30');
    expect(await page.locator('#retention-result [data-outcome]').getAttribute('data-outcome')).not.toBeNull();
  });

  it('the JSON tool asks every question kind, as the library decides it', async () => {
    const kinds = await page
      .locator('#a-example option')
      .evaluateAll((xs) => xs.map((x) => (x as HTMLOptionElement).value));
    expect(kinds.sort()).toEqual([...QUESTION_KINDS].sort());
    for (const kind of kinds) {
      await page.selectOption('#a-example', kind);
      const q = JSON.parse(await page.inputValue('#a-json'));
      expect(q.question).toBe(kind);
      const r = await result('any');
      const d = evaluate(q);
      expect([kind, r.outcome, r.clauses]).toEqual([kind, d.outcome, d.clauses]);
    }
  });

  it('the JSON tool says what is wrong, and never repeats what was typed', async () => {
    const text = async () => (await page.locator('#any-result').textContent()) ?? '';
    await page.fill('#a-json', '{"question": "access", "actor": {"role": "Jane Planted-Secret"}');
    expect(await text()).toContain('not valid JSON');
    expect(await text()).toContain('the first problem is at line 1, column 64');
    expect(await text()).not.toContain('Planted-Secret');
    await page.fill('#a-json', '{"question": "access", "actor": {"role": "Jane Planted-Secret"}}');
    expect(await text()).toContain('Not decided');
    expect(await text()).toContain('actor.role');
    expect(await text()).not.toContain('Planted-Secret');
    await page.fill('#a-json', '{"question": "access", "actor": {"role": "<img src=x onerror=alert(1)>"}}');
    expect(await page.locator('#any-result img').count()).toBe(0);
    await page.selectOption('#a-example', 'disclosure');
  });

  it('the JSON tool refuses a key written twice, as `decide` does (JSON.parse would keep the last: permit)', async () => {
    const objection = (first: boolean) =>
      `{"question":"disclosure","actor":{"role":"adviser"},"recipient":{"role":"upsu-staff","involvedInCase":true},` +
      `"information":{"kind":"case-record","identifiable":true},"clientObjectsToStaffSharing":${first},` +
      `"clientObjectsToStaffSharing":${!first}}`;
    for (const first of [true, false]) {
      await page.fill('#a-json', objection(first));
      const text = (await page.locator('#any-result').textContent()) ?? '';
      expect(text).toContain('Not decided');
      expect(text).toContain('clientObjectsToStaffSharing');
      expect(text).toContain('twice');
      expect(await page.locator('#any-result [data-outcome]').count()).toBe(0);
    }
    await page.selectOption('#a-example', 'disclosure');
  });

  it('reads on a phone-width screen, with no console errors and no request off this server', async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The drawing of the breach chain keeps a readable size in its sideways-scrolling box, which a note says.
    const chain = await page.evaluate(() => {
      const svg = document.querySelector('.scroll .chain-svg') as SVGSVGElement;
      const box = svg.parentElement as HTMLElement;
      const note = document.querySelector('.chain-narrow') as HTMLElement;
      return { wider: svg.getBoundingClientRect().width > box.clientWidth, note: getComputedStyle(note).display };
    });
    expect(chain).toEqual({ wider: true, note: 'block' });
    mkdirSync('test-results', { recursive: true });
    await page.locator('#checker').screenshot({ path: 'test-results/docs-checker.png' });
    await page.screenshot({ path: 'test-results/docs-checker-page.png' });
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('draws the breach chain: every box holds its text, no two boxes overlap, and the .svg file renders alone', async () => {
    const check = () => {
      const svg = document.querySelector('svg.chain-svg') as SVGSVGElement | null;
      if (!svg) return { found: false, boxes: 0, overflowing: [] as string[], overlapping: [] as string[], shown: 0 };
      const groups = Array.from(svg.querySelectorAll('g'));
      const boxes = groups.map((g) => {
        const shape = g.querySelector('rect, polygon') as SVGGraphicsElement;
        const text = g.querySelector('text') as SVGTextElement;
        return { b: shape.getBBox(), t: text.getBBox(), name: (text.textContent ?? '').slice(0, 40) };
      });
      const inside = (t: DOMRect, b: DOMRect) =>
        t.x >= b.x - 0.5 &&
        t.y >= b.y - 0.5 &&
        t.x + t.width <= b.x + b.width + 0.5 &&
        t.y + t.height <= b.y + b.height + 0.5;
      const overlap = (a: DOMRect, b: DOMRect) =>
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      const view = svg.viewBox.baseVal;
      return {
        found: true,
        boxes: boxes.length,
        // The diamond's text is checked against the box around the diamond's inner half.
        overflowing: boxes
          .filter(({ b, t }, i) => {
            const shape = groups[i]?.querySelector('rect, polygon');
            const area =
              shape?.tagName === 'polygon'
                ? new DOMRect(b.x + b.width / 4, b.y + b.height / 4, b.width / 2, b.height / 2)
                : b;
            return !inside(t, area) || !inside(b, new DOMRect(0, 0, view.width, view.height));
          })
          .map((x) => x.name),
        overlapping: boxes.flatMap((x, i) =>
          boxes
            .slice(i + 1)
            .filter((y) => overlap(x.b, y.b))
            .map((y) => `${x.name} / ${y.name}`),
        ),
        shown: svg.getBoundingClientRect().height,
      };
    };
    const onPage = await page.evaluate(check);
    expect(onPage.found).toBe(true);
    // Start, two raisers, the discussion, the decision, who decides, three outcomes and authorised.
    expect(onPage.boxes).toBe(10);
    expect(onPage.overflowing).toEqual([]);
    expect(onPage.overlapping).toEqual([]);
    expect(onPage.shown).toBeGreaterThan(400);
    await page.locator('#breach-chain .scroll').screenshot({ path: 'test-results/docs-breach-chain.png' });

    const p = await browser.newPage();
    await p.goto(`${base}/breach-chain.svg`);
    const alone = await p.evaluate(check);
    expect(alone.found).toBe(true);
    expect(alone.boxes).toBe(10);
    expect(alone.overflowing).toEqual([]);
    await p.close();
  });

  it('decides with the rules the book was generated from (embedded in the page), not only the bundled ones', async () => {
    const rules = mkdtempSync(join(tmpdir(), 'upsu-rules-'));
    const other = mkdtempSync(join(tmpdir(), 'upsu-docs-other-'));
    try {
      cpSync(new URL('../../rules', import.meta.url).pathname, rules, { recursive: true });
      const file = join(rules, '0-preamble', 'disclosure.rules.json');
      const list = JSON.parse(readFileSync(file, 'utf8')) as { name: string; event: { params: { text?: string } } }[];
      const rule = list.find((r) => r.name === 'presence-without-consent');
      if (!rule) throw new Error('rule presence-without-consent not found');
      rule.event.params.text = 'An adapted policy says no (P4).';
      writeFileSync(file, JSON.stringify(list));
      await generateDocs({ outDir: other, rulesDir: rules });
      const p = await browser.newPage();
      await p.goto(`file://${join(other, 'index.html')}`);
      await p.selectOption('#d-kind', 'presence');
      await p.waitForSelector('#disclosure-result [data-outcome="deny"]');
      expect(await p.locator('#disclosure-result').textContent()).toContain('An adapted policy says no (P4).');
      await p.close();
    } finally {
      rmSync(rules, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('decides nothing when the bundle next to the page cannot run the embedded rules (never the bundled ones instead)', async () => {
    const other = mkdtempSync(join(tmpdir(), 'upsu-docs-other-'));
    try {
      await generateDocs({ outDir: other });
      // As an older or newer upsu-policy.global.js copied beside the page would: the embedded rules do not load.
      const file = join(other, 'index.html');
      const html = readFileSync(file, 'utf8');
      const broken = html.replace('"fact":"recipientRole"', '"fact":"aFactThisBundleDoesNotKnow"');
      expect(broken).not.toBe(html);
      writeFileSync(file, broken);
      const p = await browser.newPage();
      await p.goto(`file://${file}`);
      await p.waitForSelector('#disclosure-result .outcome-error');
      expect(await p.locator('#disclosure-result [data-outcome]').count()).toBe(0);
      expect(await p.locator('#disclosure-result').textContent()).toContain('Not decided');
      // Not announced as the page loads; said on the status line of a form whose answer changes.
      const statuses = () =>
        p.evaluate(() => Array.from(document.querySelectorAll('[role="status"]')).map((e) => e.textContent));
      expect(await statuses()).toEqual(['', '', '', '']);
      await p.fill('#a-json', '{"question":"recording","consentToRecord":true,"relevant":true}');
      await p.dispatchEvent('#any-form', 'change');
      expect(await p.locator('#any-result [data-outcome]').count()).toBe(0);
      expect(await statuses()).toEqual([
        '',
        '',
        '',
        'Decision: not decided, the checker cannot run the rules of this book (the result after the form).',
      ]);
      await p.close();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('without its bundle says so in each result, and on a status line only once an answer of its form changes', async () => {
    const alone = mkdtempSync(join(tmpdir(), 'upsu-docs-alone-'));
    try {
      cpSync(join(site, 'index.html'), join(alone, 'index.html'));
      const p = await browser.newPage();
      await p.goto(`file://${join(alone, 'index.html')}`);
      await p.waitForSelector('#disclosure-result .outcome-error');
      expect(await p.locator('#retention-result').textContent()).toBe(
        'The checker needs upsu-policy.global.js next to this page.',
      );
      const statuses = () =>
        p.evaluate(() => Array.from(document.querySelectorAll('[role="status"]')).map((e) => e.textContent));
      // Four identical lines as the page loads would be read out over its title: none.
      expect(await statuses()).toEqual(['', '', '', '']);
      await p.selectOption('#d-recipient', 'client');
      const said =
        'Disclosure decision: not decided, the checker needs upsu-policy.global.js next to this page (the result after the form).';
      expect(await statuses()).toEqual([said, '', '', '']);
      await p.selectOption('#d-recipient', 'third-party');
      expect(await statuses()).toEqual([said, '', '', '']);
      await p.close();
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });

  it("an adapted folder's settings are the checker's: its role labels, and its own identifying columns", async () => {
    const rules = mkdtempSync(join(tmpdir(), 'upsu-rules-'));
    const other = mkdtempSync(join(tmpdir(), 'upsu-docs-other-'));
    try {
      cpSync(new URL('../../rules', import.meta.url).pathname, rules, { recursive: true });
      const file = join(rules, 'policy.json');
      const policy = JSON.parse(readFileSync(file, 'utf8'));
      // A `$&` in a label is written as it is (a string replacement would read it as "the match").
      policy.settings.roleLabels = { 'advice-lead': 'Head of Advice $& Guidance' };
      policy.settings.identifyingColumns = ['hallRoom'];
      writeFileSync(file, JSON.stringify(policy));
      await generateDocs({ outDir: other, rulesDir: rules });
      const p = await browser.newPage();
      await p.goto(`file://${join(other, 'index.html')}`);
      await p.waitForSelector('#disclosure-result [data-outcome]');
      expect(await p.locator('#d-recipient option[value="advice-lead"]').textContent()).toBe(
        'Head of Advice $& Guidance',
      );
      await p.selectOption('#d-recipient', 'third-party');
      await p.selectOption('#d-ground', 'harm');
      await p.waitForSelector('#disclosure-result [data-outcome="escalate"]');
      const text = (await p.locator('#disclosure-result').textContent()) ?? '';
      expect(text).toContain('Escalate to: Head of Advice $& Guidance');
      await p.waitForSelector('#breach-result [data-outcome="pending"]');
      expect(await p.locator('#breach-result').textContent()).toContain(
        'Next step: raise the matter with the Head of Advice $& Guidance',
      );
      // The JSON tool decides with the page's rules: a hallRoom column identifies a client there.
      const release = {
        question: 'statistics-release',
        actor: { role: 'advice-lead' },
        recipient: { role: 'membership-body', name: 'NUS' },
        fields: ['issueCategory', 'hall_room', 'count'],
        smallestCount: 12,
      };
      expect(evaluate(release).outcome).toBe('permit');
      await p.fill('#a-json', JSON.stringify(release));
      await p.waitForSelector('#any-result [data-outcome="deny"]');
      expect(await p.locator('#any-result li[data-clause]').evaluateAll((xs) => xs.map((x) => x.textContent))).toEqual([
        expect.stringMatching(/^4\.2/),
        expect.stringMatching(/^4\.3/),
      ]);
      await p.close();
    } finally {
      rmSync(rules, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('works from file:// too', async () => {
    const p = await browser.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    await p.goto(`file://${join(site, 'index.html')}`);
    await p.waitForSelector('#disclosure-result [data-outcome]');
    expect(await p.locator('#disclosure-result [data-outcome]').getAttribute('data-outcome')).toBe('deny');
    expect(errors).toEqual([]);
    await p.close();
  });
});

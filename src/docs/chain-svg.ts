// The breach chain (5.4–5.5) drawn as an SVG flowchart, laid out here (no diagram library, so the policy book
// shows it offline and in any browser). The boxes come from the same model as the Mermaid source and the list:
// who raises with whom and who may decide are read from the code, not written here.
import { printable } from '../audit/format.js';
import { chainLabeller, chainSteps, sentence, withArticle } from './chain.js';
import type { ChainModel } from './model.js';
import { themeCss } from './theme.js';

// Control and bidirectional formatting characters are U+FFFD, as in the book's HTML (`esc`).
const xml = (s: string) =>
  printable(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WIDTH = 720;
const PAD = 20;
const LINE = 17;
const PAD_Y = 9;
/** A generous average advance of a 13 px sans-serif character, so wrapped lines fit their boxes. */
const CHAR = 7.2;
const GAP = 46;

type Kind = 'start' | 'step' | 'decision' | 'who' | 'pending' | 'permit' | 'deny';
interface Box {
  readonly kind: Kind;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly lines: readonly string[];
}

/** Greedy word wrap to a box `width` pixels wide. */
function wrap(text: string, width: number): string[] {
  const max = Math.max(8, Math.floor((width - 20) / CHAR));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function box(kind: Kind, x: number, y: number, w: number, text: string): Box {
  const lines = wrap(text, kind === 'decision' ? w * 0.6 : w);
  const h = kind === 'decision' ? Math.max(84, lines.length * LINE + 50) : lines.length * LINE + 2 * PAD_Y;
  return { kind, x, y, w, h, lines };
}

const cx = (b: Box) => b.x + b.w / 2;
const bottom = (b: Box) => b.y + b.h;

/**
 * The style rules of the drawing. Colours are the policy book's CSS variables (`--fg`, `--bg`, `--muted`,
 * `--permit`, `--deny`, `--other`), so it follows the page's light and dark themes.
 *
 * @example
 * CHAIN_SVG_CSS.includes('.chain-svg'); // true
 * @see 5.4
 */
export const CHAIN_SVG_CSS = `
.chain-svg { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.chain-svg text { fill: var(--fg); }
.chain-node { fill: var(--bg); stroke: var(--fg); stroke-width: 1.2; }
.chain-who { stroke: var(--muted); stroke-dasharray: 2 3; }
.chain-permit { stroke: var(--permit); stroke-width: 2; }
.chain-deny { stroke: var(--deny); stroke-width: 2; }
.chain-pending { stroke: var(--other); stroke-dasharray: 6 4; }
.chain-edge { fill: none; stroke: var(--fg); stroke-width: 1.2; }
.chain-dashed { stroke-dasharray: 6 4; }
.chain-dotted { stroke: var(--muted); stroke-dasharray: 2 3; }
.chain-head { fill: var(--fg); }
.chain-svg .chain-label { font-size: 12px; fill: var(--muted); }
.chain-label-bg { fill: var(--bg); }
`;

/**
 * The file name of the drawing in the generated docs (the Markdown shows it as an image).
 *
 * @example
 * CHAIN_SVG_FILE; // 'breach-chain.svg'
 * @see 5.4
 */
export const CHAIN_SVG_FILE = 'breach-chain.svg';

/** The light and dark colours a standalone drawing (a file of its own) carries. */
const STANDALONE_COLOURS = `
${themeCss('.chain-svg')}
.chain-svg > rect.chain-page { fill: var(--bg); }
`;

/**
 * The breach-of-confidentiality chain (5.4–5.5) as an accessible SVG flowchart: its title (its name) and description
 * (the chain's steps in words) are read out in place of the drawing, once each; the drawing's own words, broken into
 * lines, are hidden from screen readers. Deterministic: the same chain gives the same bytes.
 * `standalone` adds an XML declaration, a background and its own colours, for a `.svg` file of its own; without
 * it the drawing takes its colours from the page ({@link CHAIN_SVG_CSS}).
 *
 * @example
 * chainSvg(model.chain).startsWith('<svg'); // true
 * chainSvg(model.chain, { standalone: true }).startsWith('<?xml'); // true
 * @see 5.4
 */
export function chainSvg(chain: ChainModel, opts: { standalone?: boolean } = {}): string {
  const label = chainLabeller(chain);
  const inner = WIDTH - 2 * PAD;
  const boxes: Box[] = [];
  const edges: string[] = [];
  const labels: string[] = [];
  const add = (b: Box) => {
    boxes.push(b);
    return b;
  };
  /** An arrow along the points given (the last one is where the head points). */
  const arrow = (points: readonly (readonly [number, number])[], style = '') =>
    edges.push(
      `<path class="chain-edge${style ? ` ${style}` : ''}" d="M${points.map(([x, y]) => `${r(x)},${r(y)}`).join('L')}" marker-end="url(#chain-arrow)"/>`,
    );
  /** An edge's label, centred on a point of the edge, on a patch of background that hides the line under it. */
  const note = (x: number, y: number, text: string) => {
    const w = text.length * 6.6 + 8;
    labels.push(
      `<rect class="chain-label-bg" x="${r(x - w / 2)}" y="${r(y - 10)}" width="${r(w)}" height="16" rx="3"/><text class="chain-label" aria-hidden="true" x="${r(x)}" y="${r(y + 2)}" text-anchor="middle">${xml(text)}</text>`,
    );
  };
  /** The point a fraction `t` of the way from `a` to `b`. */
  const along = (a: readonly [number, number], b: readonly [number, number], t: number): [number, number] => [
    a[0] + (b[0] - a[0]) * t,
    a[1] + (b[1] - a[1]) * t,
  ];

  // 1. Someone feels confidentiality should be breached.
  const start = add(
    box(
      'start',
      PAD + 80,
      PAD,
      inner - 160,
      `${sentence(withArticle(label('adviser')))} feels confidentiality should be breached: serious harm (5.3.1), a conflict of interest (5.3.2) or a legal duty (5.3.3)`,
    ),
  );

  // 2. They raise it with their line manager: one box per raiser the policy covers.
  let y = bottom(start) + GAP;
  const n = Math.max(1, chain.raises.length);
  const rw = Math.min(320, (inner - (n - 1) * 20) / n);
  const rx0 = PAD + (inner - (n * rw + (n - 1) * 20)) / 2;
  const raised = chain.raises.map((r, i) =>
    box(
      'step',
      rx0 + i * (rw + 20),
      y,
      rw,
      `${sentence(label(r.raiser))} raises it immediately with the ${label(r.with)} (5.4.1)`,
    ),
  );
  const raiseRow = Math.max(0, ...raised.map((b) => b.h));
  for (const b of raised) {
    add({ ...b, h: raiseRow });
    arrow([
      [cx(start), bottom(start)],
      [cx(b), b.y],
    ]);
  }

  // 3. The discussion, recorded, and the decider briefed.
  y += raiseRow + GAP;
  const discuss = add(
    box(
      'step',
      PAD + 40,
      y,
      inner - 80,
      'They discuss why confidentiality should be breached, what it would achieve and the options; the discussion is recorded in the case notes (5.4.2), and whoever decides is briefed on the full facts (5.5.1)',
    ),
  );
  for (const b of raised)
    arrow([
      [cx(b), y - GAP],
      [Math.min(Math.max(cx(b), discuss.x + 20), discuss.x + discuss.w - 20), y],
    ]);

  // 4. The decision, and who may take it (a note beside it). The diamond sits at the foot of its row, so the
  // three ways out fan from its lowest point into the space below.
  y = bottom(discuss) + GAP;
  const outcomeW = (inner - 2 * 10) / 3;
  const decideW = 180;
  const decideX = PAD + outcomeW / 2 - decideW / 2;
  const decide = box('decision', decideX, y, decideW, 'Decision (5.4.3)');
  const whoX = decideX + decideW + 40;
  const whoW = WIDTH - PAD - whoX;
  const whoLines = [
    ...chain.deciders.map((d) => `For the ${label(d.raiser)}: ${d.may.map(label).join(', ')} may decide (5.5.2).`),
    `Never ${withArticle(label('adviser'))} (not even with others), nor the person who raised it (5.5.4).`,
  ].flatMap((t) => wrap(t, whoW));
  const who: Box = { kind: 'who', x: whoX, y, w: whoW, h: whoLines.length * LINE + 2 * PAD_Y, lines: whoLines };
  const row = Math.max(decide.h, who.h);
  const dTop = y + row - decide.h;
  const dMid = dTop + decide.h / 2;
  const dBottom = y + row;
  add({ ...decide, y: dTop });
  add({ ...who, y: y + row - who.h });
  arrow([
    [cx(decide), bottom(discuss)],
    [cx(decide), dTop],
  ]);
  edges.push(`<path class="chain-edge chain-dotted" d="M${r(decideX + decideW)},${r(dMid)}L${r(whoX)},${r(dMid)}"/>`);

  // 5. What the decision leads to.
  y += row + GAP + 34;
  const written = box(
    'step',
    PAD,
    y,
    outcomeW,
    'Agreed: a written record, and the case file details the action agreed (5.5.2)',
  );
  const pending = box(
    'pending',
    PAD + outcomeW + 10,
    y,
    outcomeW,
    'Pending: nothing is disclosed until the decision is recorded in writing (5.5.2, 5.5.4)',
  );
  const refused = box('deny', PAD + 2 * (outcomeW + 10), y, outcomeW, 'Refused: that decision is final (5.5.3)');
  const outRow = Math.max(written.h, pending.h, refused.h);
  for (const b of [written, pending, refused]) add({ ...b, h: outRow });
  const from: [number, number] = [cx(decide), dBottom];
  const ways: [Box, string, number, string][] = [
    [written, 'agrees', 0.45, ''],
    [pending, 'agreed, not yet written', 0.62, 'chain-dashed'],
    [refused, 'does not agree', 0.62, ''],
  ];
  for (const [to, text, t, style] of ways) {
    const end: [number, number] = [cx(to), y];
    arrow([from, end], style);
    note(...along(from, end, t), text);
  }
  arrow(
    [
      [pending.x, y + outRow / 2],
      [written.x + written.w, y + outRow / 2],
    ],
    'chain-dashed',
  );

  // 6. Authorised.
  y += outRow + GAP - 10;
  const authorised = add(
    box(
      'permit',
      PAD,
      y,
      outcomeW,
      'Authorised: disclose only what the ground needs; the decider sees the actions carried out (5.5.2)',
    ),
  );
  arrow([
    [cx(written), y - GAP + 10],
    [cx(written), y],
  ]);
  const height = Math.ceil(bottom(authorised) + PAD);

  const title = 'The breach-of-confidentiality chain (5.4–5.5)';
  const desc = chainSteps(chain)
    .map((s, i) => `${i + 1}. ${s.text}`)
    .join(' ');
  const shapes = boxes.map(drawBox).join('\n');
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chain-svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="chain-svg-title" aria-describedby="chain-svg-desc">`,
    `<title id="chain-svg-title">${xml(title)}</title>`,
    `<desc id="chain-svg-desc">${xml(desc)}</desc>`,
    ...(opts.standalone ? [`<style>${STANDALONE_COLOURS}${CHAIN_SVG_CSS}</style>`] : []),
    '<defs><marker id="chain-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="chain-head" d="M0,0L10,5L0,10z"/></marker></defs>',
    ...(opts.standalone ? [`<rect class="chain-page" width="${WIDTH}" height="${height}"/>`] : []),
    shapes,
    ...edges,
    ...labels,
    '</svg>',
  ].join('\n');
  return opts.standalone
    ? `<?xml version="1.0" encoding="UTF-8"?>\n<!-- generated by upsu-policy docs: do not edit -->\n${svg}\n`
    : svg;
}

const r = (v: number) => String(Math.round(v * 10) / 10);

function drawBox(b: Box): string {
  const cls = {
    start: 'chain-node',
    step: 'chain-node',
    decision: 'chain-node',
    who: 'chain-node chain-who',
    pending: 'chain-node chain-pending',
    permit: 'chain-node chain-permit',
    deny: 'chain-node chain-deny',
  }[b.kind];
  let shape: string;
  if (b.kind === 'decision') {
    const x = cx(b);
    const ym = b.y + b.h / 2;
    shape = `<polygon class="${cls}" points="${r(x)},${r(b.y)} ${r(b.x + b.w)},${r(ym)} ${r(x)},${r(b.y + b.h)} ${r(b.x)},${r(ym)}"/>`;
  } else {
    const round = b.kind === 'start' || b.kind === 'permit' || b.kind === 'deny' ? 18 : 4;
    shape = `<rect class="${cls}" x="${r(b.x)}" y="${r(b.y)}" width="${r(b.w)}" height="${r(b.h)}" rx="${round}"/>`;
  }
  // Text centred in the box (the who-decides note is left-aligned, one paragraph per raiser).
  const left = b.kind === 'who';
  const top = b.y + (b.h - b.lines.length * LINE) / 2;
  const tx = left ? b.x + 10 : cx(b);
  const text = b.lines
    .map((l, i) => `<tspan x="${r(tx)}" y="${r(top + (i + 1) * LINE - 4)}">${xml(l)}</tspan>`)
    .join('');
  return `<g aria-hidden="true">${shape}<text${left ? '' : ' text-anchor="middle"'}>${text}</text></g>`;
}

// The script of the checker in the generated index.html. It is page JavaScript kept as a string (not compiled
// from TypeScript) so the generated page is byte-for-byte the same whether the generator runs from src/ or dist/.
// It reads the forms, asks `window.upsuPolicy.safeEvaluate` (the real library, bundled for the browser) and
// renders the decision into the form's result region on every change, and a one-line summary of it (the outcome,
// or that it is not decided) into the form's status line, which screen readers announce. It compiles the rules embedded
// in the page (`#upsu-rules`, the rules the book was generated from) with the bundle's `createPolicy`.

/**
 * The checker's page script; `ROLE_LABELS`, `VALUE_LABELS`, `NEXT_STEP_PHRASES` and `QUESTION_EXAMPLES` are defined
 * before it.
 *
 * @example
 * `<script>${labelsPrelude}${CHECKER_SCRIPT}</script>`;
 * @see P3
 */
export const CHECKER_SCRIPT = `
(function () {
  'use strict';
  var api = window.upsuPolicy;
  function $(id) { return document.getElementById(id); }
  // As the book's own escaping: control characters (but line breaks, CRLF or CR read as LF, and tab) and the
  // bidirectional formatting characters (U+202E and its kind) become U+FFFD.
  function esc(s) {
    return String(s).replace(/\\r\\n?/g, '\\n').replace(/[&<>"'\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c] || '\\ufffd';
    });
  }
  // A message's \`field\` names (as the library writes them, Markdown-style) as code, in text already escaped.
  function codeSpans(html) { return html.replace(/\x60([^\x60]+)\x60/g, '<code>$1</code>'); }
  function label(v) {
    if (v === null || v === undefined) return 'not given';
    return ROLE_LABELS[v] || VALUE_LABELS[v] || String(v);
  }
  var forms = ['disclosure', 'retention', 'breach', 'any'];
  var NAMES = { disclosure: 'Disclosure decision', retention: 'Retention decision', breach: 'Breach decision', any: 'Decision' };
  // The checker cannot answer. Each result says why; a form's status line says it once an answer of that form
  // changes, not as the page loads (four lines read out over the page's title, as the answers are not).
  function unavailable(result, why) {
    forms.forEach(function (f) {
      var el = $(f + '-result');
      if (el) el.innerHTML = '<p class="outcome outcome-error">' + result + '</p>';
      var form = $(f + '-form');
      var st = $(f + '-status');
      if (!form || !st) return;
      var say = function () { if (!st.textContent) st.textContent = NAMES[f] + ': not decided, ' + why + ' (the result after the form).'; };
      form.addEventListener('input', say);
      form.addEventListener('change', say);
    });
  }
  if (!api || typeof api.safeEvaluate !== 'function') {
    unavailable('The checker needs upsu-policy.global.js next to this page.',
      'the checker needs upsu-policy.global.js next to this page');
    return;
  }
  // The rules this book was generated from, embedded in the page: the checker decides with exactly those, or
  // not at all. Falling back to the bundle's own rules (another version's, or UPSU's under an adapted book) would
  // answer by a policy the page does not show.
  var policy = api;
  var rulesEl = $('upsu-rules');
  if (rulesEl) {
    try {
      policy = api.createPolicy(JSON.parse(rulesEl.textContent));
    } catch (e) {
      unavailable('Not decided: upsu-policy.global.js next to this page ' +
        'cannot run the rules this book was generated from (it may be from another version of the package). ' +
        'Generate the book again with upsu-policy docs.', 'the checker cannot run the rules of this book');
      return;
    }
  }
  var clauseText = {};
  (policy.clauses || []).forEach(function (c) { clauseText[c.id] = c.text.replace(/\\[([^\\[\\]]+)\\]\\(#\\)/g, '$1'); });
  function clauseLink(id) { return '<a href="#clause-' + esc(id) + '">' + esc(id) + '</a>'; }
  function notes(title, list) {
    if (!list || !list.length) return '';
    return '<h4>' + title + '</h4><ul>' + list.map(function (n) {
      return '<li><code>' + esc(n.code) + '</code> (' + clauseLink(n.clause) + ') ' + esc(n.text) + '</li>';
    }).join('') + '</ul>';
  }
  // A result is written only when its words change. Rewriting a live region with the same words has it read out
  // again (the forms update on every key press and on leaving a field, so on every Tab), and replaces a link in it
  // that the Tab key was about to focus, dropping the focus to the page.
  var shown = {};
  function show(el, html) {
    if (shown[el.id] === html) return;
    shown[el.id] = html;
    el.innerHTML = html;
  }
  // The control each issue's path comes from (the JSON tool's are all its text box). A control in error is marked
  // aria-invalid and described by the error, so it is read out on the field as well as in the result.
  var FIELDS = {
    disclosure: {
      'actor.role': 'd-actor', 'recipient.role': 'd-recipient', 'information.kind': 'd-kind', purpose: 'd-purpose',
      'consent.method': 'd-consent', 'breach.ground': 'd-ground', 'breach.authorisation.decidedBy': 'd-decided-by'
    },
    retention: { 'client.degreeStatus': 'r-status', 'client.degreeCompletedOn': 'r-completed', asOf: 'r-asof' },
    breach: { raisedBy: 'b-raised-by', ground: 'b-ground' }
  };
  function fieldOf(f, path) { return f === 'any' ? 'a-json' : (FIELDS[f] || {})[path.join('.')]; }
  function labelOf(id) {
    var l = document.querySelector('label[for="' + id + '"]');
    return l ? l.textContent : id;
  }
  var describedBy = {};
  function flag(form, f, ids) {
    Array.prototype.forEach.call(form.querySelectorAll('input, select, textarea'), function (el) {
      if (!(el.id in describedBy)) describedBy[el.id] = el.getAttribute('aria-describedby') || '';
      var own = describedBy[el.id];
      var bad = ids.indexOf(el.id) >= 0;
      var by = bad ? (own ? own + ' ' : '') + f + '-error' : own;
      if (bad) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
      if (by) { if (el.getAttribute('aria-describedby') !== by) el.setAttribute('aria-describedby', by); }
      else el.removeAttribute('aria-describedby');
    });
  }
  function error(f, message, items) {
    return '<div id="' + f + '-error"><p class="outcome outcome-error">' + message + '</p>' +
      (items ? '<ul>' + items + '</ul>' : '') + '</div>';
  }
  // The status line announces the outcome, its date, escalation or next step where it has one, and its clauses,
  // only when they change: the whole result (reasons, clause texts, obligations) read out on every change was long,
  // and it is there to be read after the form.
  // The first answers, written as the page loads, are not announced (four status lines read out over the page's
  // title): they are only remembered, so the status line stays empty until the outcome or its clauses change.
  var loading = true;
  function announce(f, text) {
    var el = $(f + '-status');
    if (!el) return;
    var html = esc(NAMES[f] + ': ' + text);
    if (loading) shown[el.id] = html;
    else show(el, html);
  }
  function count(n, one, many) { return n + ' ' + (n === 1 ? one : many); }
  function notDecided(f, why) { announce(f, 'not decided, ' + why + ' (the problems after the form).'); }
  // Where the problems are and what kind they are (the field's label, or the path in the JSON, and the issue's code
  // in words), the first three: so the status line changes, and is read out, when a problem moves to another field
  // or becomes another kind, even if their number does not.
  function problemsSaid(f, issues) {
    var said = issues.slice(0, 3).map(function (i) {
      var id = fieldOf(f, i.path);
      var where = id && f !== 'any' ? labelOf(id) : i.path.join('.') || 'the question';
      return where + ', ' + String(i.code).replace(/-/g, ' ');
    });
    if (issues.length > 3) said.push(issues.length - 3 + ' more');
    return said.join('; ');
  }
  function render(el, f, form, r) {
    if (!r.ok) {
      var ids = [];
      var items = r.issues.map(function (i) {
        var id = fieldOf(f, i.path);
        if (id && ids.indexOf(id) < 0) ids.push(id);
        var named = id && f !== 'any' ? ' (' + esc(labelOf(id)) + ')' : '';
        return '<li><code>' + esc(i.path.join('.') || '(question)') + '</code>' + named + ': ' + codeSpans(esc(i.message)) + '</li>';
      }).join('');
      flag(form, f, ids);
      show(el, error(f, 'Not decided: the answers do not make a valid question.', items));
      notDecided(f, count(r.issues.length, 'problem', 'problems') + ' with the answers: ' + problemsSaid(f, r.issues));
      return;
    }
    flag(form, f, []);
    var d = r.decision;
    var h = '<p class="outcome outcome-' + esc(d.outcome) + '">Outcome: <strong data-outcome="' + esc(d.outcome) + '">' +
      esc(d.outcome) + '</strong></p>';
    h += '<ul class="reasons">' + d.reasons.map(function (x) { return '<li>' + esc(x.text) + '</li>'; }).join('') + '</ul>';
    var facts = [];
    // What the status line says besides the outcome: the answer's date, whom to escalate to, the next step.
    var said = [];
    if (d.escalateTo) {
      facts.push('Escalate to: <strong>' + esc(label(d.escalateTo)) + '</strong>');
      said.push('escalate to ' + label(d.escalateTo));
    }
    if (d.destroyAfter) {
      facts.push('Destroy after: <strong>' + esc(d.destroyAfter) + '</strong>');
      said.push('destroy after ' + d.destroyAfter);
    }
    if (d.nextStep) {
      var who = d.nextStep.role ? 'the ' + label(d.nextStep.role) : 'the line manager (none for this raiser)';
      var phrase = NEXT_STEP_PHRASES[d.nextStep.step] || (label(d.nextStep.step) + ' ({role})');
      var step = phrase.replace('{role}', function () { return who; });
      facts.push('Next step: <strong>' + esc(step) + '</strong>');
      said.push('next step: ' + step);
    }
    if (d.missing && d.missing.length) facts.push('Missing: ' + d.missing.map(function (m) { return '<code>' + esc(m) + '</code>'; }).join(', '));
    if (d.violations && d.violations.length) facts.push('Violations: ' + d.violations.map(function (v) {
      return '<code>' + esc(v.code) + '</code> (' + clauseLink(v.clause) + ')';
    }).join(', '));
    if (facts.length) h += '<p>' + facts.join('<br>') + '</p>';
    h += '<h4>Clauses</h4><ul class="clauses">' + d.clauses.map(function (c) {
      return '<li data-clause="' + esc(c) + '">' + clauseLink(c) + ' — ' + esc(clauseText[c] || '') + '</li>';
    }).join('') + '</ul>';
    h += notes('Obligations', d.obligations) + notes('Remedies', d.remedies) + notes('Advisories', d.advisories);
    show(el, h);
    said.push((d.clauses.length === 1 ? 'clause ' : 'clauses ') + d.clauses.join(', '));
    announce(f, d.outcome + ', ' + said.join(', ') + ' (the reasons after the form).');
  }
  function val(id) { var el = $(id); return el ? el.value : ''; }
  function checked(id) { var el = $(id); return !!(el && el.checked); }
  var build = {
    disclosure: function () {
      var q = {
        question: 'disclosure',
        actor: { role: val('d-actor') },
        recipient: { role: val('d-recipient'), involvedInCase: checked('d-involved'), appointedByUpsu: checked('d-appointed') },
        information: { kind: val('d-kind'), identifiable: checked('d-identifiable') },
        clientObjectsToStaffSharing: checked('d-objects')
      };
      if (val('d-purpose')) q.purpose = val('d-purpose');
      if (val('d-consent')) q.consent = { given: true, method: val('d-consent'), recorded: checked('d-recorded') };
      // A decision answered with no ground is asked as it is, and refused on the ground's field as the library
      // refuses it: dropped, the answers given about the decision were silently not the question.
      if (val('d-ground') || val('d-decided-by')) {
        q.breach = {};
        if (val('d-ground')) q.breach.ground = val('d-ground');
        if (val('d-decided-by')) q.breach.authorisation = {
          decidedBy: val('d-decided-by'), agreed: val('d-agreed') === 'yes', writtenRecord: checked('d-written')
        };
      }
      return q;
    },
    retention: function () {
      var q = { question: 'retention', client: { degreeStatus: val('r-status') } };
      if (val('r-completed')) q.client.degreeCompletedOn = val('r-completed');
      if (val('r-asof')) q.asOf = val('r-asof');
      return q;
    },
    breach: function () {
      var steps = [];
      if (val('b-raised-with')) steps.push({ step: 'raised', with: val('b-raised-with') });
      if (val('b-discussed')) steps.push({ step: 'discussed', recordedInCaseNotes: val('b-discussed') === 'recorded' });
      // When it was disclosed is asked: a disclosure before the decision breaks 5.5.4 however the decision went.
      if (val('b-disclosed') === 'before') steps.push({ step: 'disclosed' });
      if (val('b-decided-by')) steps.push({
        step: 'decided', by: val('b-decided-by'), agreed: val('b-agreed') === 'yes', writtenRecord: checked('b-written')
      });
      if (val('b-disclosed') === 'after') steps.push({ step: 'disclosed' });
      return { question: 'breach', raisedBy: val('b-raised-by'), ground: val('b-ground'), steps: steps };
    },
    any: function () {
      // Read as the command line reads it: a key written twice is refused, not read last-wins.
      var p = api.parseQuestion(val('a-json'));
      if (p.ok) return p.value;
      var one = p.issues.length === 1 ? p.issues[0] : null;
      // Not JSON: where the first problem is (the line and column the library gives), never the text.
      var at = one && one.path.length === 0 && /line (\\d+), column (\\d+)/.exec(one.message);
      if (at) return new NotJson('line ' + at[1] + ', column ' + at[2]);
      return new Refused(p.issues);
    }
  };
  // Answers that mean something only once another is given (whether the consent is recorded, what a decision was:
  // the page marks them data-needs) are switched off until it is: left on, they could be answered and then ignored
  // without a word. The page shows a note under each while it is off.
  function settle(form) {
    Array.prototype.forEach.call(form.querySelectorAll('[data-needs]'), function (el) {
      el.disabled = !val(el.getAttribute('data-needs'));
    });
  }
  // What the JSON tool's text is when it does not parse (its text is never repeated: it may hold personal data).
  function NotJson(at) { this.at = at; }
  // JSON the tool refuses (a key written twice), with its issues.
  function Refused(issues) { this.issues = issues; }
  var example = $('a-example');
  if (example) example.addEventListener('change', function () {
    var text = $('a-json');
    if (text && QUESTION_EXAMPLES[example.value]) text.value = JSON.stringify(QUESTION_EXAMPLES[example.value], null, 2);
  });
  forms.forEach(function (f) {
    var form = $(f + '-form');
    var out = $(f + '-result');
    if (!form || !out) return;
    var update = function () {
      settle(form);
      // A date the browser cannot read (half typed, or 31 February) is not "not given": say so.
      var bad = Array.prototype.filter.call(form.querySelectorAll('input'), function (i) {
        return i.validity && i.validity.badInput;
      }).map(function (i) { return i.id; });
      if (bad.length) {
        flag(form, f, bad);
        show(out, error(f, 'Not decided: a date is incomplete or not a real date (' + esc(bad.map(labelOf).join(', ')) + ').'));
        notDecided(f, 'a date is incomplete or not a real date');
        return;
      }
      var q = build[f]();
      if (q instanceof NotJson) {
        flag(form, f, ['a-json']);
        show(out, error(f, 'Not decided: the question is not valid JSON (the first problem is at ' + esc(q.at) + ').'));
        notDecided(f, 'the question is not valid JSON');
        return;
      }
      if (q instanceof Refused) {
        render(out, f, form, { ok: false, issues: q.issues });
        return;
      }
      render(out, f, form, policy.safeEvaluate(q));
    };
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    // A half-typed date changes no value (no input event): check again as keys are typed and on leaving a field.
    form.addEventListener('keyup', update);
    form.addEventListener('focusout', update);
    form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
    update();
  });
  loading = false;
})();
`;

// The help text of every command, with examples. Kept apart from the code so it reads as a manual.

export const MAIN_HELP = `upsu-policy — the UPSU Advice Service Confidentiality Policy as code

Usage: upsu-policy <command> [options]

Commands:
  decide FILE|-            decide one question (JSON) and print the decision
  audit FILE|- --as-of D   re-ask the policy about every case of a case export (NDJSON)
  test [DIR…]              run scenario files (*.cases.json) and report rule coverage
  schema [NAME]            print the JSON Schema of a question kind, or of a case-export line
  docs --out DIR           generate the policy's documentation
  demo                     decide a few example questions and print them for a person

Options:
  -h, --help               help (also: upsu-policy <command> --help)
  -v, --version            the package version

Exit codes: 0 ok · 1 findings / failing scenarios · 2 invalid input or usage error ·
141 standard output closed before all was written (\`| head\`), as a shell reports SIGPIPE ·
130 / 143 audit interrupted (SIGINT / SIGTERM).
Colour on a terminal (TERM not dumb) or with FORCE_COLOR set (not empty, not 0); never with NO_COLOR set (not empty).

Examples:
  echo '{"question":"recording","consentToRecord":true,"relevant":true}' | upsu-policy decide -
  upsu-policy audit export.ndjson --as-of 2026-09-01 --format sarif --out audit.sarif
  upsu-policy test --coverage --threshold 100
`;

export const HELP: Readonly<Record<string, string>> = {
  decide: `Usage: upsu-policy decide FILE|- [--explain] [--format json|text] [--rules DIR]

Reads one question (JSON) from FILE, or from standard input with -, and prints the decision.

Options:
  --explain            add the trace: every rule of the question, fired or not, with the fact values seen
  --format json|text   json (default): the decision as the library returns it
                       text: for a person — outcome, clauses with their text, reasons, obligations, remedies;
                       with --explain, every rule and why it did not apply (each failed condition, value seen)
  --rules DIR          decide with an adapted rules folder instead of the bundled rules

Exit codes: 0 decided · 2 the question is not valid (one line per issue on stderr) or a usage error.

Examples:
  upsu-policy decide question.json
  echo '{"question":"access","actor":{"role":"senior-management"}}' | upsu-policy decide - --format text
  upsu-policy decide question.json --explain | jq '.trace[] | select(.fired) | .rule'
`,
  audit: `Usage: upsu-policy audit FILE|- --as-of YYYY-MM-DD [--format text|json|junit|sarif] [--out FILE]
                         [--workers N] [--rules DIR] [--no-progress]

Reads a case export (NDJSON, one case per line: CONTRACT.md "Case exports") and re-asks the policy about
every case: retention as of --as-of (3.3: not-destroyed, destroyed-late, destroyed-early, and
retention-not-checkable for a completed degree with no date, an unknown degree status or a record no rule
covers; destroyAfter is the degree's completion plus policy.json's retentionYears, 1 by default, and its
destructionWithinDays sets how many days after destroyAfter still count as on time, 1 by default), every
recorded disclosure (anything but permit, and a permit resting on consent, or on a breach authorisation
alongside consent, that is not recorded on the case record, 2.1; the client's objection to staff sharing is the
disclosure's own clientObjectsToStaffSharing where it records one, else the case's), every breach chain
(non-compliant) and the consent to record (1.1). Each finding is { caseId, code, clause, message }.

The report never holds client personal data: only case ids, codes, clauses and our own messages. Fields of
the export the policy does not use (names, emails, student ids…) are ignored; null for destroyedOn or the
client's degreeCompletedOn or consentToRecord is read as absent. A line that is not JSON or not a valid case is
reported with its line number, one line per problem (code, path, message); the rest of the file is still
audited.

Options:
  --as-of YYYY-MM-DD   the date the retention rules are applied on (required)
  --format F           text (default) · json { findings, invalidLines, summary } · junit (a <testcase> per case,
                       a <failure> per finding) · sarif (SARIF 2.1.0, a rule per clause, for code scanning; at
                       most 25,000 results, as GitHub takes: the rest are counted and a notification says so)
  --out FILE           write the report to FILE (a regular file is replaced whole or not at all; a symbolic link
                       is written through) instead of standard output; - is standard output
  --workers N          audit in N threads: this one and N - 1 worker threads (default 1); same report, same order
  --rules DIR          audit with an adapted rules folder instead of the bundled rules
  --no-progress        no progress bar (it is shown on stderr only when stderr is a terminal)

Exit codes: 0 no findings · 1 findings · 2 any invalid line, an export with no cases, a file that cannot be
read or written, or a usage error · 141 standard output closed before the report was written whole (| head),
with no message · 130 / 143 interrupted (SIGINT / SIGTERM), the partial report removed.

Examples:
  upsu-policy audit export.ndjson --as-of 2026-09-01
  upsu-policy audit export.ndjson --as-of 2026-09-01 --format sarif --out audit.sarif
  cat export.ndjson | upsu-policy audit - --as-of 2026-09-01 --format json | jq .summary
  upsu-policy audit big-export.ndjson --as-of 2026-09-01 --format junit --out audit.xml --workers 2
`,
  test: `Usage: upsu-policy test [DIR…] [--rules DIR] [--coverage] [--threshold N] [--engine compiled|interpreter]
                        [--junit FILE] [--mutate [--min-score N] [--filter TEXT]]

Runs scenario files (**/*.cases.json) against the policy and reports pass/fail per scenario, then one line of
rule coverage (rules with a scenario on each side: where they fire and where they do not) and clause coverage.
A DIR with no *.cases.json file (or files holding no scenario) is an error: a run of nothing does not pass.

Options:
  DIR…                 folders (or files) of scenarios; default: the rules folder tested
  --rules DIR          test an adapted rules folder (its own scenarios, unless DIRs are given)
  --coverage           also list the rules without a scenario on each side, the clauses not covered and the
                       coverage of every clause
  --threshold N        fail when rule or clause coverage is under N percent
  --engine E           compiled (default) or interpreter (json-rules-engine itself)
  --junit FILE         also write the run as JUnit XML to FILE, for CI dashboards: a <testsuite> per scenario
                       file, a <testcase> per scenario (a <failure> saying what it did not meet), a file's
                       problems as <error>s, and with --threshold the two coverage figures as test cases (not -
                       nor the file or pipe standard output goes to: it holds the text report; never a scenario
                       or rules file the run reads)
  --mutate             also run mutation testing: small faults put in the rules, which the scenarios must catch
                       (mutants listed in the folder's equivalent-mutants.json are left out while their rule's
                       conditions are those of the entry's conditionsHash; an entry that is stale, killed or whose
                       rule changed is named, and the exit code is 1)
  --min-score N        with --mutate (a usage error without it): fail when the mutation score is under N percent
                       (exit 2 when no mutant is scored: every one run is listed as equivalent)
  --filter TEXT        with --mutate (a usage error without it): only mutants whose id contains TEXT (none: exit 2)

Exit codes: 0 all pass · 1 a scenario fails, or a threshold is not met · 2 usage, a scenario file that is not
valid (not JSON, a key written twice, not scenarios, misnamed like x.case.json, a scenario of another question
kind in a <question>.cases.json), no scenario file (*.cases.json) or no scenario found in a DIR, no mutant to
run (or to score, with --min-score), or a --junit file that cannot be written.

Examples:
  upsu-policy test
  upsu-policy test --coverage --threshold 100
  upsu-policy test --rules ./my-rules
  upsu-policy test --mutate --min-score 90
`,
  schema: `Usage: upsu-policy schema [QUESTION|case-export]

Prints the JSON Schema (draft 2020-12) of a question kind, or of one line of a case export, generated from
the zod schemas the library validates with. Without a name: a schema accepting any question.

Names: disclosure, access, contact, recording, statistics-release, subject-access, retention, breach,
policy-review, staff-readiness, storage, case-export.

Examples:
  upsu-policy schema disclosure > disclosure.schema.json
  upsu-policy schema case-export
`,
  docs: `Usage: upsu-policy docs --out DIR [--rules DIR]

Generates the policy's documentation (Markdown and a self-contained HTML page with a decision checker) from
the rules folder and its scenarios. The scenarios are the book's worked examples, so they must hold: a scenario
file that is not valid, or a scenario that fails against the rules, is one line on stderr each, nothing is
written, and the exit code is 2.

Examples:
  upsu-policy docs --out docs
  upsu-policy docs --out site --rules ./my-rules
`,
  demo: `Usage: upsu-policy demo

Decides a few example questions (a parent asking about a student, the police asking about a client at risk,
a graduate's record a year on) and prints each decision for a person.

Examples:
  upsu-policy demo
  upsu-policy demo | less
`,
};

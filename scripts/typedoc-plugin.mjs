// A typedoc plugin (typedoc.json "plugin") that keeps what is not this library's out of its API docs.
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    for (const r of project.getReflectionsByKind(ReflectionKind.Property)) {
      // The fields of the types still inferred from zod schemas (`RuleBundle`, `Policy.clauses`) have no
      // initialiser to show: typedoc takes each field's zod schema for a default value (`id = clauseId`, `text =
      // ...`), and `clauseId` names an internal schema. Properties of classes keep theirs (an error's
      // `code = 'invalid-question'` is its value).
      if (r.defaultValue !== undefined && !r.parent?.kindOf(ReflectionKind.Class)) r.defaultValue = undefined;
    }
    // The error classes inherit Node's `Error.captureStackTrace`, `prepareStackTrace` and `stackTraceLimit` (from
    // @types/node): V8's stack-trace API, not the library's, and the bulk of each error's page. Their own static
    // `[Symbol.hasInstance]` stays, and so do the inherited instance members (`message`, `cause`, `stack`).
    for (const r of project.getReflectionsByKind(ReflectionKind.Property | ReflectionKind.Method)) {
      if (r.flags.isStatic && r.inheritedFrom && r.parent?.kindOf(ReflectionKind.Class)) project.removeReflection(r);
    }
  });
}

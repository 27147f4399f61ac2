// A typedoc plugin (typedoc.json "plugin"): the API docs show no initialiser for the fields of the types inferred
// from zod schemas. typedoc takes each field's zod schema for a default value (`actor: {…} = party`,
// `asOf?: string = ...`): a field of a question has no default, and `party` names an internal schema.
// Properties of classes keep theirs (an error's `code = 'invalid-question'` is its value).
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const r of context.project.getReflectionsByKind(ReflectionKind.Property)) {
      if (r.defaultValue !== undefined && !r.parent?.kindOf(ReflectionKind.Class)) r.defaultValue = undefined;
    }
  });
}

// A TypeDoc plugin: every public function and method, and every class (on the class or its
// constructor), must carry an `@example` in its doc comment, or TypeDoc warns — and
// `pnpm run docs` treats warnings as errors.
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Reflection} reflection */
function hasExample(reflection) {
  const signatures = reflection.signatures ?? [];
  return (
    signatures.some((s) => s.comment?.getTag('@example')) ||
    reflection.comment?.getTag('@example') !== undefined
  );
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    const kinds = ReflectionKind.Function | ReflectionKind.Method | ReflectionKind.Class;
    for (const reflection of project.getReflectionsByKind(kinds)) {
      if (reflection.flags.isPrivate || reflection.flags.isExternal) continue;
      if (reflection.kindOf(ReflectionKind.Class)) {
        const ctor = reflection.getChildByName('constructor');
        if (hasExample(reflection) || (ctor && hasExample(ctor))) continue;
      } else if (hasExample(reflection)) {
        continue;
      }
      app.logger.warn(`${reflection.getFriendlyFullName()} has no @example in its doc comment`);
    }
  });
}

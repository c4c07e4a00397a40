// A TypeDoc plugin: every documented public function (and class constructor/method) must
// carry an `@example`, or TypeDoc warns — and `pnpm docs` treats warnings as errors.
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    for (const reflection of project.getReflectionsByKind(
      ReflectionKind.Function | ReflectionKind.Method,
    )) {
      if (reflection.flags.isPrivate || reflection.flags.isExternal) continue;
      const signatures = reflection.signatures ?? [];
      const hasExample =
        signatures.some((s) => s.comment?.getTag('@example')) ||
        reflection.comment?.getTag('@example');
      if (!hasExample) {
        app.logger.warn(`${reflection.getFriendlyFullName()} has no @example in its doc comment`);
      }
    }
  });
}

/** Layer rules of ../shared/DESIGN.md, checked in `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'engine-knows-no-module',
      comment: 'The engine never imports a module: modules declare objects on top of it.',
      severity: 'error',
      from: { path: '^server/src/engine' },
      to: { path: '^server/src/modules' },
    },
    {
      name: 'engine-knows-no-http',
      comment: 'The engine is used by HTTP routes, jobs and the CLI alike; it must not depend on the HTTP layer.',
      severity: 'error',
      from: { path: '^server/src/engine' },
      to: { path: '^server/src/http' },
    },
    {
      name: 'web-engine-knows-no-module',
      comment:
        'Generic screens take module additions through web/src/engine/extensions.ts, installed by the app layer.',
      severity: 'error',
      from: { path: '^web/src/engine' },
      to: { path: '^web/src/modules' },
    },
    {
      name: 'modules-read-through-the-engine',
      comment:
        "Modules read records through the engine's query builder (engine/query/builder.ts), which carries the caller's " +
        'rights on every relation hop; they do not import the SQL layer. Exceptions are listed here, each file carrying ' +
        'one "// Raw SQL, justified:" comment.',
      severity: 'error',
      from: {
        path: '^server/src/modules/',
        pathNot: [
          '\\.test\\.ts$',
          // Justified exceptions (the reason is in the file):
          '^server/src/modules/customers/(birthdays|duplicates|contact-duplicates|import-matchers|ownership-conflict)\\.ts$',
          '^server/src/modules/notify/(alerts\\.job|notify\\.service)\\.ts$',
          '^server/src/modules/sales/(analysis-product|forecast\\.service|funnel\\.service|furthest|meta)\\.ts$',
          '^server/src/modules/team/last-contact\\.ts$',
        ],
      },
      to: { path: ['^server/src/db/', '(^|/)node_modules/kysely/'] },
    },
    {
      name: 'common-stands-alone',
      severity: 'error',
      from: { path: '^common/src' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'no-circular-modules',
      severity: 'warn',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: { path: '^server/src/modules/$1/', circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

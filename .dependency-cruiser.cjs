/** Dependency direction (STYLE.md): server → channels → bot → dialogs → domain ← persistence. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain (rules, entities, use cases) knows nothing of bots, HTTP, databases or i18n.',
      severity: 'error',
      from: { path: '^src/domain' },
      to: {
        path: [
          '^src/(bot|dialogs|channels|persistence|i18n|nlu|server|app|generated)',
          'node_modules/(botbuilder|botbuilder-[a-z-]+|botframework-[a-z-]+|@prisma|prisma|restify|twilio|i18next|pg|better-sqlite3)/',
        ],
      },
    },
    {
      name: 'dialogs-do-not-touch-storage-or-http',
      comment: 'Dialogs call use cases; only persistence knows Prisma and only server/channels know HTTP.',
      severity: 'error',
      from: { path: '^src/dialogs' },
      to: { path: ['^src/(persistence|channels|server|app|generated)', 'node_modules/(@prisma|prisma|restify|twilio)/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

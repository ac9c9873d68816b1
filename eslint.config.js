// Lint: the import boundaries of docs/architecture.md ("Rules the code follows", 1) and a small
// set of correctness rules. The TypeScript check is `npm run typecheck`; both run in CI before the
// tests (`npm run lint`).
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** Where each part of Homeward lives; a module or a web feature is one folder. */
const elements = [
  { type: 'shared', pattern: 'shared' },
  { type: 'platform', pattern: 'server/platform' },
  { type: 'module', pattern: 'server/modules/*', capture: ['name'] },
  { type: 'db', pattern: 'server/db' },
  { type: 'test-support', pattern: 'server/test-support' },
  { type: 'web-app', pattern: 'web/app' },
  { type: 'feature', pattern: 'web/features/*', capture: ['name'] },
  { type: 'web-kit', pattern: ['web/components', 'web/lib', 'web/i18n'] },
  // Last, so that the folders above match first: server/app.ts, main.ts, ... and web/main.tsx.
  { type: 'server', pattern: 'server' },
  { type: 'web-entry', pattern: 'web' },
  { type: 'bench', pattern: 'bench' },
  { type: 'e2e', pattern: 'e2e' },
  { type: 'scripts', pattern: 'scripts' },
];

const server = ['platform', 'module', 'db', 'test-support', 'server'];
const web = ['web-app', 'feature', 'web-kit', 'web-entry'];
/** Another module's or feature's files other than its index.ts. */
const privateFileOf = (type) => ({ to: { element: { type, captured: { name: '!{{from.element.captured.name}}' }, internalPath: '!index.ts' } } });

/**
 * The policies. Tests may also reach the test harness, the demo data and the server's composition
 * (a platform test starts the whole app; the catalogue test reads the closed list of audit events).
 */
function boundaryRules({ tests }) {
  const harness = tests ? ['test-support', 'db', 'server', 'platform'] : [];
  const except = (types) => types.filter((t) => !harness.includes(t));
  return {
    'boundaries/dependencies': ['error', {
      default: 'allow',
      policies: [
        // shared is isomorphic: it imports nothing of Homeward's server or web.
        { from: { element: { type: 'shared' } }, disallow: { to: { element: { type: [...server, ...web, 'bench'] } } } },
        // The platform knows no module, and nothing above it.
        { from: { element: { type: 'platform' } }, disallow: { to: { element: { type: except(['module', 'db', 'server', 'test-support', ...web]) } } } },
        // A module uses another only through its index.ts, and never the composition above it.
        { from: { element: { type: 'module' } }, disallow: privateFileOf('module') },
        { from: { element: { type: 'module' } }, disallow: { to: { element: { type: except(['server', 'db', ...web]) } } } },
        // Demo data and the benchmark call modules through their index.ts, like the API does; the
        // composition (server/db/schema.ts, server/audit-events.ts) also reads each module's tables
        // and audit events.
        { from: { element: { type: ['db', 'bench', 'server'] } }, disallow: { to: { element: { type: 'module', internalPath: '!{index.ts,*.routes.ts,*.tables.ts,*.events.ts}' } } } },
        // The web app: features use each other only through index.ts, never app/; the kit knows no feature.
        { from: { element: { type: 'feature' } }, disallow: privateFileOf('feature') },
        { from: { element: { type: 'feature' } }, disallow: { to: { element: { type: except(['web-app', 'web-entry', ...server]) } } } },
        { from: { element: { type: 'web-kit' } }, disallow: { to: { element: { type: except(['feature', 'web-app', 'web-entry', ...server]) } } } },
        { from: { element: { type: 'web-app' } }, disallow: { to: { element: { type: except(server) } } } },
      ],
    }],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', 'server/dist/**', 'data/**', '.tmp/**', 'bench/results/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': ['shared/**', 'server/**', 'web/**', 'bench/**', 'e2e/**', 'scripts/**'],
      'import/resolver': { typescript: { alwaysTryTypes: true, project: ['tsconfig.json', 'web/tsconfig.json'], noWarnOnMultipleProjects: true }, node: true },
    },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly', fetch: 'readonly', structuredClone: 'readonly', performance: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', crypto: 'readonly' } },
    rules: {
      ...boundaryRules({ tests: false }),
      // Homeward matches control characters on purpose (hostile text, file names, PDF text).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': ['error', { allow: ['warn', 'error', 'log'] }],
    },
  },
  { files: ['**/*.test.ts', 'e2e/**'], rules: boundaryRules({ tests: true }) },
);

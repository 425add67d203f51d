import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const csvWriters = ['csv-stringify', 'csv-stringify/sync'].map((name) => ({
  name,
  message: 'Write CSV with toCsv (src/lib/csv.ts): it neutralises cells that a spreadsheet would run as formulas.',
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.lexpact/', 'test-results/', 'playwright-report/', 'src/db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Server code must not leak into the browser bundle: the web app talks to the API only.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/server/**', '**/src/db/**', '**/src/modules/**'],
              message: 'The web app may import src/contracts only; everything else goes through the API.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/lib/csv.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: csvWriters }],
    },
  },
  {
    // A later block replaces the rule's options rather than adding to them: the CSV paths are repeated here.
    files: ['src/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...csvWriters,
            {
              name: 'drizzle-orm',
              message: "A route calls its module's service; the service owns the queries (DESIGN.md).",
            },
          ],
          patterns: [
            {
              group: ['**/db/schema', '**/db/schema.ts', '**/*.table', '**/*.table.ts'],
              message: "A route calls its module's service; the service owns the queries (DESIGN.md).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'data/scripts/**/*.ts', 'bin/**/*.js'],
    rules: { 'no-console': 'off' },
  },
);

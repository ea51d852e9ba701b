// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'src/generated/',
      'data/',
      'appPackage/build/',
      'test-results/',
      'dist/',
      'bench/.data/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // The layers (README "Architecture"): dependencies point one way, bot/web/server → domain → the ports that
  // data/ implements. Type-only imports of the generated Prisma client are allowed in the domain (the Store
  // port is typed by it); its runtime is not.
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bot/**', '**/web/**', '**/data/**', '**/notify/**', '**/mail/**', '**/cards/**'],
              message: 'src/domain is plain TypeScript: it depends on no outer layer (ports live in src/domain).',
            },
            {
              group: ['../../server.js', '../../index.js', '../../app-services.js', '../../config.js'],
              message: 'src/domain gets what it needs through DomainContext, built by the composition root.',
            },
            {
              group: [
                'botbuilder*',
                'botframework-*',
                'restify*',
                '@microsoft/*',
                'pg',
                'better-sqlite3',
                'nodemailer',
              ],
              message: 'src/domain knows no framework, driver or transport.',
            },
            {
              group: ['@prisma/*', '**/generated/**'],
              allowTypeImports: true,
              message: 'src/domain may name Prisma types (the Store port) but not use its runtime.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.ts', 'src/cards/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bot/**', '!**/bot/commands.js'],
              message:
                'web/ and cards/ import nothing from bot/ except the command table (bot/commands.ts); declare the port a page needs in src/web.',
            },
            { group: ['**/data/**'], message: 'web/ and cards/ reach data through src/domain.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/i18n/**/*.ts', 'src/data/**/*.ts', 'src/mail/**/*.ts', 'src/notify/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bot/**', '**/web/**', '**/cards/**', '**/server.js'],
              message: 'i18n, data, mail and notify sit under the bot and the pages: they do not import them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      // chai-less assertions and mocha's `this` are fine in tests
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);

// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const TYPEORM_ALLOWED = [
  'src/**/*.repository.ts',
  'src/**/*.entity.ts',
  'src/core/database/**',
  'test/**',
  'ormconfig.ts',
];

export default tseslint.config(
  {
    // assembly/ is AssemblyScript (its own types), compiled by npm run build:wasm.
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'data/**',
      'test/utils/*.js',
      'assembly/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Layering: only repositories, entities and the database core talk to TypeORM.
    files: ['src/**/*.ts'],
    ignores: TYPEORM_ALLOWED,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'typeorm', message: 'Only repositories and entities import typeorm.' }],
        },
      ],
    },
  },
  {
    // The PMML engine stays framework-free.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'class-*'], message: 'libs/ is framework-free.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      // supertest bodies and jest matchers are untyped by design.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['eslint.config.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);

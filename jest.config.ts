import type { Config } from 'jest';

const transform: Config['transform'] = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      tsconfig: 'tsconfig.json',
      // The same @nestjs/swagger plugin as `nest build`, so the e2e OpenAPI document is real.
      astTransformers: { before: ['<rootDir>/test/utils/swagger-plugin-transformer.js'] },
    },
  ],
};

// The tsconfig path alias of the PMML engine, for jest's resolver.
const moduleNameMapper: Config['moduleNameMapper'] = {
  '^@scorecast/pmml$': '<rootDir>/libs/pmml/src/index.ts',
  '^@scorecast/pmml/(.*)$': '<rootDir>/libs/pmml/src/$1',
};

const config: Config = {
  projects: [
    {
      displayName: 'unit',
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
  testTimeout: 60_000,
};

export default config;

// Three tiers: unit specs beside the code (pure, no servers), integration specs against the real
// stack, and end-to-end specs that run the apps. `npm test` runs all three after lint and typecheck.
const moduleNameMapper = {
  '^@app/(domain|query-reference|query|config|platform|testing|emitter|contract)(|/.*)$': '<rootDir>/libs/$1/src$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const common = { rootDir: __dirname, moduleNameMapper, transform, testEnvironment: 'node' };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench,scripts}/**/*.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/bench/.build/'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/stack/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/stack/slow-test-timeout.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,test}/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/stack/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/stack/slow-test-timeout.ts'],
    },
    // A 3-node Elasticsearch and a Kafka of its own (docs/cluster.md), up and down around the tier.
    {
      ...common,
      displayName: 'cluster',
      testMatch: ['<rootDir>/{apps,test}/**/*.cluster-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/stack/cluster-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/stack/cluster-global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/stack/slow-test-timeout.ts'],
    },
  ],
};

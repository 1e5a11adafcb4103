import { checkLayers, LAYER_RULES, type LayerRule, type SourceFile } from './layer-rules';

/** One fixture per rule: a file that breaks it, as the tool would read it from the tree. */
const BROKEN: [LayerRule, SourceFile][] = [
  [
    'pure-core',
    { path: 'libs/query/src/filter/x.ts', text: "import { JsonLogger } from '@app/platform';" },
  ],
  [
    'pure-core',
    { path: 'libs/domain/src/x.ts', text: "import type { QueryScope } from '@app/query';" },
  ],
  [
    'pure-core',
    { path: 'libs/query/src/stat/x.ts', text: "export { loadApiConfig } from '@app/config';" },
  ],
  [
    'pure-core',
    {
      path: 'libs/query/src/stat/x.spec.ts',
      text: "import { STAT_CASES } from '@app/query-reference';",
    },
  ],
  [
    'libs-never-import-apps',
    { path: 'libs/platform/src/x.ts', text: "import '../../../apps/api/src/api.tokens';" },
  ],
  [
    'apps-apart',
    {
      path: 'apps/api/src/x.ts',
      text: "import { x } from '../../projector/src/simulator/scheduler.simulator';",
    },
  ],
  [
    'no-test-code-in-production',
    { path: 'apps/api/src/x.ts', text: "import { uniqueName } from '@app/testing';" },
  ],
  [
    'no-test-code-in-production',
    { path: 'libs/platform/src/x.ts', text: "const r = require('@app/query-reference');" },
  ],
  [
    'no-test-code-in-production',
    {
      path: 'libs/query/src/stat/x.ts',
      text: "import { STAT_CASES } from '@app/query-reference/stat-cases';",
    },
  ],
  [
    'no-test-code-in-production',
    {
      path: 'libs/query/src/stat/x.ts',
      text: "import { CannedSearchPort } from '@app/testing/search/canned-search-port';",
    },
  ],
  [
    'no-relative-across-modules',
    {
      path: 'libs/platform/src/x.ts',
      text: "import { QueryError } from '../../query/src/errors';",
    },
  ],
  [
    'no-relative-across-modules',
    { path: 'apps/api/src/x.ts', text: "import { x } from '../../../libs/query/src';" },
  ],
];

const ALLOWED: SourceFile[] = [
  {
    path: 'libs/query/src/filter/x.ts',
    text: "import { JOB_TASK_STATUSES } from '@app/domain';\nimport { z } from 'zod';",
  },
  {
    path: 'libs/query/src/stat/x.spec.ts',
    text: "import { CannedSearchPort } from '@app/testing/search/canned-search-port';",
  },
  {
    path: 'libs/query-reference/src/x.ts',
    text: "import { runBodyOverRows } from '@app/query/stat/in-memory/in-memory.runner';",
  },
  {
    path: 'libs/query/src/stat/x.ts',
    text: "import { parseWith } from '../errors/zod-issue.mapper';",
  },
  { path: 'apps/api/test/x.e2e-spec.ts', text: "import { uniqueName } from '@app/testing';" },
  {
    path: 'apps/api/src/x.ts',
    text: "import { loadApiConfig } from '@app/config';\nimport { runStat } from '@app/query';",
  },
  {
    path: 'test/pipeline.e2e-spec.ts',
    text: "import { startApi } from '../apps/api/test/api-test-app';",
  },
];

describe(checkLayers.name, () => {
  it('should have a fixture for every rule', () => {
    expect(new Set(BROKEN.map(([rule]) => rule))).toEqual(new Set(Object.keys(LAYER_RULES)));
  });

  it.each(BROKEN)('should report %s on %j', (rule, file) => {
    expect(checkLayers([file]).map((v) => v.rule)).toContain(rule);
  });

  it.each(ALLOWED)('should accept $path importing what its layer may', (file) => {
    expect(checkLayers([file])).toEqual([]);
  });

  it('should name the file and the specifier', () => {
    const file = { path: 'libs/query/src/filter/x.ts', text: "import '@app/platform';" };
    expect(checkLayers([file])).toEqual([
      { file: 'libs/query/src/filter/x.ts', specifier: '@app/platform', rule: 'pure-core' },
    ]);
  });
});

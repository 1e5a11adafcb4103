import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkLayers, LAYER_RULES, type SourceFile } from './layer-rules/layer-rules';

/** `npm run lint` step: every .ts file of the repository against the layer rules. */
const ROOT = path.resolve(__dirname, '..');
const SKIP = new Set(['node_modules', 'dist', 'coverage', '.build', '.stack', '.git']);

function sources(dir: string): SourceFile[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sources(rel);
    if (!entry.name.endsWith('.ts')) return [];
    return [{ path: rel, text: readFileSync(path.join(ROOT, rel), 'utf8') }];
  });
}

const files = ['apps', 'libs', 'test', 'bench', 'scripts'].flatMap((dir) => sources(dir));
const violations = checkLayers(files);
for (const v of violations) {
  process.stderr.write(
    `${v.file}: import "${v.specifier}" breaks ${v.rule}: ${LAYER_RULES[v.rule]}\n`,
  );
}
if (violations.length > 0) process.exit(1);
process.stdout.write(`layer rules: ${files.length} files, no violation\n`);

import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The layer rules of the monorepo (docs/query-language.md, "Layers"), checked on every import
 * specifier of every TypeScript file. ESLint's no-restricted-imports cannot express them: flat-config
 * blocks replace each other's options instead of adding up, and a relative path says nothing about
 * which library it lands in until it is resolved.
 */
export type Module =
  { kind: 'lib'; name: string } | { kind: 'app'; name: string } | { kind: 'other'; name: string };

export interface SourceFile {
  /** path relative to the repository root, with forward slashes */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  specifier: string;
  rule: LayerRule;
}

export const LAYER_RULES = {
  'pure-core':
    'libs/domain imports no other lib, libs/query only @app/domain (their specs may add @app/testing; the reference is held against them from outside)',
  'libs-never-import-apps': 'a library never imports an app',
  'apps-apart': 'an app never imports another app',
  'no-test-code-in-production':
    'production code never imports @app/testing or @app/query-reference',
  'no-relative-across-modules':
    'another lib or app is imported by its @app/ name, never by a relative path',
} as const;
export type LayerRule = keyof typeof LAYER_RULES;

const TEST_LIBS = new Set(['testing', 'query-reference']);
const CORE_ALLOWED: Readonly<Record<string, ReadonlySet<string>>> = {
  domain: new Set(),
  query: new Set(['domain']),
};

export function moduleOf(file: string): Module {
  const [top, name] = file.split('/');
  if (top === 'libs' && name) return { kind: 'lib', name };
  if (top === 'apps' && name) return { kind: 'app', name };
  return { kind: 'other', name: top ?? '' };
}

/** Specs, test folders and the test-only libs are test code; everything else in apps/libs ships. */
export function isProductionFile(file: string): boolean {
  const module = moduleOf(file);
  if (module.kind === 'other') return false;
  if (module.kind === 'lib' && TEST_LIBS.has(module.name)) return false;
  if (/\.(spec|int-spec|e2e-spec)\.ts$/.test(file)) return false;
  return !file.split('/').includes('test');
}

function targetOf(file: string, specifier: string): { module: Module; relative: boolean } | null {
  const alias = /^@app\/([^/]+)/.exec(specifier);
  if (alias?.[1]) return { module: { kind: 'lib', name: alias[1] }, relative: false };
  if (!specifier.startsWith('.')) return null;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return { module: moduleOf(resolved), relative: true };
}

const same = (a: Module, b: Module): boolean => a.kind === b.kind && a.name === b.name;

function rulesBroken(file: string, specifier: string): LayerRule[] {
  const target = targetOf(file, specifier);
  if (!target) return [];
  const from = moduleOf(file);
  const to = target.module;
  const broken: LayerRule[] = [];
  const core = from.kind === 'lib' ? CORE_ALLOWED[from.name] : undefined;
  // a core spec may use the test support (factories, stubs), but never the reference evaluators:
  // the differential specs live with the reference, so the core cannot come to lean on it
  const allowed = (m: Module): boolean =>
    m.kind === 'lib' &&
    ((core?.has(m.name) ?? false) || (!isProductionFile(file) && m.name === 'testing'));
  if (core && !same(from, to) && !allowed(to)) broken.push('pure-core');
  if (from.kind === 'lib' && to.kind === 'app') broken.push('libs-never-import-apps');
  if (from.kind === 'app' && to.kind === 'app' && !same(from, to)) broken.push('apps-apart');
  if (isProductionFile(file) && to.kind === 'lib' && TEST_LIBS.has(to.name)) {
    broken.push('no-test-code-in-production');
  }
  if (target.relative && !same(from, to) && (from.kind === 'lib' || to.kind === 'lib')) {
    broken.push('no-relative-across-modules');
  }
  return broken;
}

export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

export function checkLayers(files: readonly SourceFile[]): Violation[] {
  return files.flatMap((file) =>
    importSpecifiers(file.text).flatMap((specifier) =>
      rulesBroken(file.path, specifier).map((rule) => ({ file: file.path, specifier, rule })),
    ),
  );
}

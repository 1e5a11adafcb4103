import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOB_TASK_PROTO, locateProtoRoot } from './proto-files.locator';

describe(locateProtoRoot.name, () => {
  const root = mkdtempSync(join(tmpdir(), 'proto-locator-'));
  const protoFile = join(root, 'proto', JOB_TASK_PROTO);
  mkdirSync(join(protoFile, '..'), { recursive: true });
  writeFileSync(protoFile, 'syntax = "proto3";');
  const deep = join(root, 'dist', 'apps', 'api', 'grpc');
  mkdirSync(deep, { recursive: true });

  it('should find proto/ above the compiled file, whatever the working directory', () => {
    expect(locateProtoRoot(deep, tmpdir())).toBe(join(root, 'proto'));
  });

  it('should prefer proto/ in the working directory', () => {
    expect(locateProtoRoot('/', root)).toBe(join(root, 'proto'));
  });

  it('should find the repository protos from the sources', () => {
    expect(locateProtoRoot()).toMatch(/proto$/);
  });

  it('should say where it looked when there is no proto/', () => {
    const empty = mkdtempSync(join(tmpdir(), 'proto-locator-empty-'));
    expect(() => locateProtoRoot(empty, empty)).toThrow(/not found under any of/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { Result } from '../../../preload/contract/errors';
import { openStationDatabase, type OpenStationDatabaseOptions, type StationDatabase } from '../../../main/store/database';

/** A fresh temp folder per call, removed after each test. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'matterline-store-'));
    dirs.push(dir);
    return dir;
  };
}

/** A clock that starts at a fixed instant and moves one second per reading. */
export function steppingClock(start = '2025-01-02T03:04:05.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const d = new Date(t);
    t += 1000;
    return d;
  };
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) expect.fail(`expected ok, got ${result.error.code}: ${result.error.detail ?? ''}`);
  return result.value;
}

export function openMemory(options: OpenStationDatabaseOptions = {}): StationDatabase {
  return unwrap(openStationDatabase(':memory:', { now: steppingClock(), ...options }));
}

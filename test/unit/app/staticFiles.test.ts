import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticFile } from '../../../main/app/staticFiles';

describe('static file resolution', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-static-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<html></html>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), '');
  fs.writeFileSync(path.join(os.tmpdir(), 'matterline-secret.txt'), 'secret');

  it('serves index.html for / and files inside the root', () => {
    expect(resolveStaticFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '/assets/app.js?v=1')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('refuses anything outside the root or that is not a file', () => {
    for (const attempt of ['/../matterline-secret.txt', '/assets/../../matterline-secret.txt', '/%2e%2e/matterline-secret.txt', '/assets', '/missing.js', '/%00', '/%E0%A4%A']) {
      expect(resolveStaticFile(root, attempt), attempt).toBeNull();
    }
  });
});

// Every ```js block of README.md and docs/*.md parses as an ES module (the C++
// blocks are compiled by tests/docs/CMakeLists.txt).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { extractBlocks } from '../docs/extract.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('every JavaScript sample in the docs is valid module syntax', () => {
  const blocks = extractBlocks(root, 'js');
  assert.ok(blocks.length >= 2, 'the docs have JavaScript samples');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'httpxx-docs-'));
  try {
    for (const [i, block] of blocks.entries()) {
      const file = path.join(dir, `sample${i}.mjs`);
      writeFileSync(file, block.text);
      const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
      assert.equal(check.status, 0, `${block.page} line ${block.line}: ${check.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

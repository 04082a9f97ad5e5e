// Writes every fenced code block of the given language found in README.md and
// docs/*.md into OUT_DIR, one file per block, named after its page and index:
//   node extract.mjs SOURCE_DIR OUT_DIR cpp|js
// The test suite compiles the C++ blocks and syntax-checks the JS ones, so
// documentation samples cannot drift from the code.
import fs from 'node:fs';
import path from 'node:path';

export function extractBlocks(sourceDir, language) {
  const pages = ['README.md', ...fs.readdirSync(path.join(sourceDir, 'docs'))
    .filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f))];
  const blocks = [];
  for (const page of pages) {
    const lines = fs.readFileSync(path.join(sourceDir, page), 'utf8').split('\n');
    let current = null;
    lines.forEach((line, i) => {
      if (current === null && line.trim() === '```' + language) {
        current = { page, line: i + 2, text: [] };
      } else if (current !== null && line.trim() === '```') {
        blocks.push({ ...current, text: current.text.join('\n') + '\n' });
        current = null;
      } else if (current !== null) {
        current.text.push(line);
      }
    });
  }
  return blocks;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [sourceDir, outDir, language] = process.argv.slice(2);
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of fs.readdirSync(outDir)) fs.rmSync(path.join(outDir, f));
  const extension = language === 'cpp' ? 'cpp' : 'mjs';
  for (const block of extractBlocks(sourceDir, language)) {
    const name = `${block.page.replace(/[^A-Za-z0-9]+/g, '_')}_line${block.line}.${extension}`;
    fs.writeFileSync(path.join(outDir, name), `// ${block.page}, line ${block.line}\n${block.text}`);
  }
}

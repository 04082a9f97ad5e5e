// The JavaScript API reference, from types/httpxx.d.ts: every exported
// declaration and every member of its classes and interfaces, with its /** */
// comment, as one Markdown page.
//   node docs/reference/dts_reference.mjs [DTS] [OUT.md]
// Exits 1, naming them, if an exported declaration or a public member has no
// comment (warnings are errors, as for the C++ reference). A member without a
// comment of its own is documented when it is the alias the comment above it
// names ("Alias: baseUrl"), or the setter of a documented getter. Private
// constructors are not public API and need none.
// Run by the test suite (ctest api_reference_js); the page goes to the build
// tree (build/native/reference/js/httpxx.md), never into the repository.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Splits declaration text into top-level statements (or, inside a class or
 * interface body, members), each with the /** comment just before it.
 * Understands comments, strings and bracket nesting; nothing more is needed
 * for a declaration file.
 */
export function splitDeclarations(text) {
  const items = [];
  let doc = null;
  let start = -1;
  let depth = 0;
  let i = 0;
  const flush = (end) => {
    const source = text.slice(start, end).trim();
    if (source) items.push({ doc, source, line: text.slice(0, start).split('\n').length });
    doc = null;
    start = -1;
  };
  while (i < text.length) {
    const c = text[i];
    const rest = text.startsWith.bind(text);
    if (rest('/**', i) && !rest('/**/', i)) {
      const end = text.indexOf('*/', i + 3);
      if (depth === 0 && start < 0) doc = cleanDoc(text.slice(i + 3, end));
      i = end + 2;
      continue;
    }
    if (rest('/*', i)) {
      i = text.indexOf('*/', i + 2) + 2;
      continue;
    }
    if (rest('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (start < 0) start = i;
    if (c === '"' || c === "'" || c === '`') {
      i += 1;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i += 1;
      continue;
    }
    if ('{([<'.includes(c)) depth += 1;
    else if ('})]'.includes(c) || (c === '>' && text[i - 1] !== '=')) depth -= 1;
    i += 1;
    if (depth === 0 && (c === ';' || (c === '}' && !/^\s*[|&;[]/.test(text.slice(i))))) flush(i);
  }
  if (start >= 0) flush(text.length);
  return items;
}

/** The text of a /** comment, without its leading stars. */
function cleanDoc(raw) {
  return raw.split('\n').map((l) => l.replace(/^\s*\* ?/, '').trimEnd()).join('\n').trim();
}

/** Kind, name and (for classes and interfaces) the members of one top-level statement. */
export function describe(item) {
  const m = item.source.match(/^export\s+(?:declare\s+)?(class|interface|type|function|const|let)\s+(\w+)/);
  if (!m) return { ...item, kind: 'other', name: item.source.split(/\s+/).slice(0, 3).join(' '), members: [] };
  const [, kind, name] = m;
  let members = [];
  let header = item.source;
  if (kind === 'class' || kind === 'interface') {
    const open = item.source.indexOf('{');
    header = item.source.slice(0, open).trim();
    members = splitDeclarations(item.source.slice(open + 1, item.source.lastIndexOf('}'))).map((member) => ({
      ...member,
      line: member.line + item.line - 1 + item.source.slice(0, open + 1).split('\n').length - 1,
      name: memberName(member.source),
    }));
  }
  return { ...item, kind, name, header, members };
}

/** The name a member declares: `readonly status: number;` → status, `get headers()` → get headers. */
function memberName(source) {
  const s = source.replace(/^(?:(?:private|protected|public|readonly|static)\s+)*/, '');
  const accessor = s.match(/^(get|set)\s+(\w+)/);
  if (accessor) return `${accessor[1]} ${accessor[2]}`;
  const m = s.match(/^(\[[^\]]+\]|\w+)/);
  return m ? m[1] : s;
}

/** Fills in the docs the rules allow to be shared; returns what stays undocumented. */
export function undocumented(declarations, dtsName) {
  const missing = [];
  for (const d of declarations) {
    if (!d.doc) missing.push(`${dtsName}:${d.line}: ${d.kind} ${d.name} is not documented`);
    let previous = null;
    for (const m of d.members) {
      if (!m.doc && /^private\s+constructor\b/.test(m.source)) m.internal = true;
      else if (!m.doc && previous?.doc && new RegExp(`\\bAlias: ${m.name}\\b`).test(previous.doc)) m.aliasOf = previous.name;
      else if (!m.doc && m.name.startsWith('set ') && d.members.some((g) => g.name === `get ${m.name.slice(4)}` && g.doc)) m.setterOf = `get ${m.name.slice(4)}`;
      else if (!m.doc) missing.push(`${dtsName}:${m.line}: member ${d.name}.${m.name} is not documented`);
      if (m.doc) previous = m;
    }
  }
  return missing;
}

/** One Markdown page: an index, then each declaration with its members. */
export function renderMarkdown(declarations, title) {
  const anchor = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const out = [`# ${title}`, '',
    'Generated from `types/httpxx.d.ts` by `docs/reference/dts_reference.mjs`. The module is',
    'ESM only: `import { AsyncClient } from \'httpxx\'` (see docs/browser.md).', ''];
  const kinds = [['class', 'Classes'], ['interface', 'Interfaces'], ['type', 'Types'], ['function', 'Functions'], ['const', 'Constants']];
  for (const [kind, heading] of kinds) {
    const list = declarations.filter((d) => d.kind === kind);
    if (list.length) out.push(`**${heading}:** ${list.map((d) => `[${d.name}](#${anchor(d.name)})`).join(', ')}`, '');
  }
  for (const d of declarations) {
    out.push(`## ${d.name}`, '', '```ts', d.kind === 'class' || d.kind === 'interface' ? `${d.header} { … }` : d.source, '```', '');
    if (d.doc) out.push(d.doc, '');
    const shown = d.members.filter((m) => !m.internal);
    if (shown.length) {
      out.push('| member | |', '| --- | --- |');
      for (const m of shown) {
        const doc = m.doc ?? (m.aliasOf ? `Alias of \`${m.aliasOf}\`.` : m.setterOf ? `Sets what \`${m.setterOf.slice(4)}\` reads.` : '');
        const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
        out.push(`| \`${cell(m.source.replace(/;$/, ''))}\` | ${cell(doc)} |`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const dts = process.argv[2] ?? path.join(root, 'types/httpxx.d.ts');
  const outFile = process.argv[3];
  const declarations = splitDeclarations(fs.readFileSync(dts, 'utf8')).map(describe);
  const missing = undocumented(declarations, path.relative(process.cwd(), dts));
  const page = renderMarkdown(declarations, 'httpxx JavaScript API reference');
  if (outFile) {
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, page);
  }
  const members = declarations.reduce((n, d) => n + d.members.length, 0);
  if (missing.length) {
    console.error(missing.join('\n'));
    console.error(`${missing.length} undocumented declaration(s) or member(s) in ${dts}`);
    process.exit(1);
  }
  console.log(`api reference (js): ${declarations.length} declarations, ${members} members, all documented${outFile ? `: ${outFile}` : ''}`);
}

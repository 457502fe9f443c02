/** Rule documentation for SARIF `help`: docs/rules/<id>.md, shipped in the package. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let docsDir: string | null | undefined;

function findDocsDir(): string | null {
  if (docsDir !== undefined) return docsDir;
  // src/report in tests, dist/src/report when built: walk up to the package root.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'docs', 'rules')))
      return (docsDir = join(dir, 'docs', 'rules'));
    dir = dirname(dir);
  }
  return (docsDir = null);
}

export function readRuleDoc(id: string): string | undefined {
  const dir = findDocsDir();
  if (!dir || !/^[a-z0-9-]+$/.test(id)) return undefined;
  try {
    return readFileSync(join(dir, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** Markdown → plain text, enough for SARIF's `text` fields. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/(^|\s)[*_]([^*_\n]+)[*_]/g, '$1$2')
    .replace(/[ \t]*\n[ \t]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The paragraphs of the "Rule details" section (prose only: no lists, code or tables). */
export function ruleDetails(markdown: string): string[] {
  const section = /^## Rule details\s*$([\s\S]*?)(?=^## )/m.exec(markdown + '\n## ')?.[1] ?? '';
  return section
    .replace(/^```[\s\S]*?^```/gm, '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p && !/^[-*|>#]|^\d+\./.test(p))
    .map(plainText);
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  return `${at > max / 2 ? cut.slice(0, at) : cut}…`;
}

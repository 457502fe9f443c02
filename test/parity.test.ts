/**
 * ARCHITECTURE "Properties to keep": the same JS/TS file gives the same findings from
 * ESLint and from the scanner's estree front-end — rule, position and message.
 */
import { runFrontend } from '../src/scanner/run-frontend.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { classifyFile } from '../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS } from '../src/core/model.js';
import { formatMessage } from '../src/core/messages.js';
import { estreeFrontend } from '../src/frontends/estree/scanner.js';
import plugin from '../src/plugin/index.js';

const root = join(import.meta.dirname, '..');
const JS_TS = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const folders = ['examples', 'test/frontends/fixtures/estree', 'test/fixtures/leak'];

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile() && JS_TS.test(f) && !/eslint\.config|\.eslintrc/.test(f));
}

function lineColumn(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return [line, offset - before.lastIndexOf('\n')];
}

for (const profile of ['recommended', 'strict'] as const) {
  describe(`ESLint and the scanner agree (${profile})`, () => {
    for (const folder of folders) {
      const base = join(root, folder);
      for (const file of files(base)) {
        const relativePath = relative(base, file).replaceAll('\\', '/');
        it(`${folder}/${relativePath}`, () => {
          const text = readFileSync(file, 'utf8');
          const linter = new Linter({ configType: 'flat', cwd: base });
          const eslint = linter
            .verify(
              text,
              [
                {
                  files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
                  languageOptions: { parser: tsParser },
                },
                plugin.configs[profile],
              ],
              { filename: join(base, relativePath) },
            )
            .map(
              (m) => `${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`,
            )
            .sort();
          expect(eslint.filter((m) => !m.startsWith('secure-db/'))).toEqual([]);
          const output = runFrontend(
            estreeFrontend,
            { path: file, relativePath, text, bom: false },
            {
              file: classifyFile(relativePath),
              options: {
                ...DEFAULT_POLICY_OPTIONS,
                profile: profile === 'strict' ? 'strict' : 'default',
              },
              project: { urlConsumers: new Map() },
            },
          );
          const scanner = output.findings
            .map((f) => {
              const [line, column] = lineColumn(text, f.range[0]);
              const [endLine, endColumn] = lineColumn(text, f.range[1]);
              return `secure-db/${f.ruleId} ${line}:${column}-${endLine}:${endColumn} ${formatMessage(f.messageId, f.data)}`;
            })
            .sort();
          expect(scanner).toEqual(eslint);
        });
      }
    }
  });
}

/**
 * Fixture tests with inline expectations, shared by every front-end (semgrep/SonarJS style).
 *
 * In a fixture, a comment `expect: <rule-id>[, <rule-id>]` either ends the line it is on
 * (`DB_SSL=false # expect: require-ssl`) or stands alone on the line above the code it
 * describes. `ok` (alone or trailing) documents a line that must report nothing, and every
 * line without an expectation must report nothing too. JSON has no comments: a sidecar
 * `<file>.expect.json` maps line numbers to rule ids (`{ "4": ["require-ssl"] }`).
 *
 * A fixture's environment comes from its path below the fixture folder, so
 * `fixtures/dotenv/.env.production` is a production file and `fixtures/dotenv/test/.env`
 * a test file (the `fixtures/` segment above is not part of it).
 */
import { runFrontend } from '../../src/scanner/run-frontend.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { classifyFile } from '../../src/core/environment.js';
import { DEFAULT_POLICY_OPTIONS, type Finding, type PolicyOptions } from '../../src/core/model.js';
import { formatMessage } from '../../src/core/messages.js';
import type { Frontend, ProjectFacts, SourceFile } from '../../src/frontends/types.js';

export interface FixtureOptions {
  options?: Partial<PolicyOptions>;
  /** Facts as the first pass would have gathered them. */
  project?: ProjectFacts;
  /** Only files whose relative path matches. */
  filter?: RegExp;
  /** Secrets that must never appear in a message (checked for every finding). */
  secrets?: readonly string[];
  /**
   * Runs the front-end's pass 1 (`collectFacts`) over the selected fixtures first, in path
   * order, as the scanner does over a project: facts one fixture gives another apply.
   */
  collectFacts?: boolean;
}

export function listFixtures(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile() && !f.endsWith('.expect.json'))
    .map((f) => f.replaceAll('\\', '/'))
    .sort();
}

/** Expected `line → rule ids` from the fixture's comments (or its sidecar). */
export function expectations(
  text: string,
  commentToken: string | null,
  sidecar?: string,
): Map<number, string[]> {
  const expected = new Map<number, string[]>();
  if (sidecar && existsSync(sidecar)) {
    for (const [line, ids] of Object.entries(
      JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, string[]>,
    ))
      expected.set(Number(line), ids);
    return expected;
  }
  if (!commentToken) return expected;
  const lines = text.split(/\r?\n/);
  const token = commentToken.replace(/[/]/g, '\\/');
  const marker = new RegExp(`${token}\\s*(?:expect:\\s*([a-z-]+(?:\\s*,\\s*[a-z-]+)*)|ok)\\s*$`);
  const standalone = new RegExp(`^\\s*${token}\\s*(?:expect:|ok\\s*$)`);
  lines.forEach((line, index) => {
    const match = marker.exec(line);
    if (!match) return;
    const ids = match[1] ? match[1].split(',').map((s) => s.trim()) : [];
    let target = index + 1;
    if (standalone.test(line)) {
      // The next line that is not itself a comment or blank.
      target = index + 2;
      while (
        target <= lines.length &&
        (lines[target - 1]!.trim() === '' || new RegExp(`^\\s*${token}`).test(lines[target - 1]!))
      )
        target++;
    }
    expected.set(target, [...(expected.get(target) ?? []), ...ids]);
  });
  return expected;
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Registers one vitest case per fixture file of `dir`. */
export function runFixtures(
  frontend: Frontend,
  dir: string,
  fixtureOptions: FixtureOptions = {},
): void {
  const selected = listFixtures(dir).filter(
    (path) =>
      (!fixtureOptions.filter || fixtureOptions.filter.test(path)) && frontend.matches(path),
  );
  /** The project facts of the selected fixtures, gathered once (`collectFacts`). */
  let gathered: Promise<ProjectFacts> | undefined;
  const projectFacts = async (): Promise<ProjectFacts> => {
    const given: ProjectFacts = fixtureOptions.project ?? { urlConsumers: new Map() };
    if (!fixtureOptions.collectFacts) return given;
    gathered ??= (async () => {
      const facts: ProjectFacts = { ...given, urlConsumers: new Map(given.urlConsumers) };
      await frontend.load?.();
      for (const path of selected) frontend.collectFacts?.(readFixture(dir, path), facts);
      return facts;
    })();
    return gathered;
  };
  for (const relativePath of selected) {
    it(`${frontend.name}: ${relativePath}`, async () => {
      const absolute = join(dir, relativePath);
      const source = readFixture(dir, relativePath);
      await frontend.load?.();
      const output = runFrontend(frontend, source, {
        file: classifyFile(relativePath),
        options: { ...DEFAULT_POLICY_OPTIONS, ...fixtureOptions.options },
        project: await projectFacts(),
      });
      expect(output.diagnostics).toEqual([]);
      const got = new Map<number, string[]>();
      for (const f of output.findings)
        got.set(
          lineOf(source.text, f.range[0]),
          [...(got.get(lineOf(source.text, f.range[0])) ?? []), f.ruleId].sort(),
        );
      const want = new Map(
        [...expectations(source.text, frontend.commentToken, `${absolute}.expect.json`)]
          .filter(([, ids]) => ids.length > 0)
          .map(([l, ids]) => [l, [...ids].sort()]),
      );
      expect(
        Object.fromEntries(got),
        `${relative(process.cwd(), absolute)}: findings by line`,
      ).toEqual(Object.fromEntries(want));
      for (const f of output.findings) assertClean(f, fixtureOptions.secrets ?? []);
    });
  }
}

function readFixture(dir: string, relativePath: string): SourceFile {
  const raw = readFileSync(join(dir, relativePath), 'utf8');
  const bom = raw.startsWith('\uFEFF');
  return { path: join(dir, relativePath), relativePath, text: bom ? raw.slice(1) : raw, bom };
}

function assertClean(finding: Finding, secrets: readonly string[]): void {
  const message = formatMessage(finding.messageId, finding.data);
  expect(message).not.toMatch(/\{\{/);
  for (const secret of secrets) {
    expect(message).not.toContain(secret);
    for (const fix of finding.fixes) expect(fix.description).not.toContain(secret);
  }
}

/** Applies a finding's first fix (its edits from the end, so offsets stay valid). */
export function applyFix(text: string, finding: Finding): string {
  let out = text;
  for (const e of [...finding.fixes[0]!.edits].sort((a, b) => b.range[0] - a.range[0]))
    out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
  return out;
}

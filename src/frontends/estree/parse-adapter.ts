/**
 * oxc-parser's tree → the tree ESLint's parsers (espree, typescript-estree) give, for the
 * parts the estree front-end reads. oxc emits ESTree / TS-ESTree already; what differs is
 * normalised here, in one place, and the parity test (test/frontends/oxc-parity.test.ts)
 * holds the findings of both parsers equal on every fixture, doc example and example file.
 *
 * - Comments come beside the program with `start`/`end` only: they get their `range` and
 *   hang on `program.comments`, as with ESLint's parsers.
 * - The hashbang line is a comment for neither host's directives: dropped.
 */
import type { TSESTree } from '@typescript-eslint/utils';

interface OxcComment {
  type: 'Line' | 'Block';
  value: string;
  start: number;
  end: number;
}

export function adaptOxcProgram(
  program: unknown,
  comments: readonly OxcComment[],
  _text: string,
  _lang: 'js' | 'jsx' | 'ts' | 'tsx',
): TSESTree.Program {
  const tree = program as TSESTree.Program & { hashbang?: unknown };
  delete tree.hashbang;
  tree.comments = comments.map(
    (c) =>
      // oxc spells comment types as ESTree does ('Line', 'Block'): the same strings as the enum.
      ({
        type: c.type,
        value: c.value,
        range: [c.start, c.end],
      }) as unknown as TSESTree.Comment,
  );
  return tree;
}

/**
 * The SourceCode of a secure-db language: text and lines from plugin-kit's
 * `TextSourceCodeBase`, ESLint's inline directives read from the file's comments, and the
 * one thing the rules ask: the file's findings, computed once per file and policy (every
 * rule reads the same list, as eslint-plugin-regexp shares one analysis).
 */
import { relative } from 'node:path';
import {
  ConfigCommentParser,
  Directive,
  TextSourceCodeBase,
  VisitNodeStep,
  type DirectiveType,
  type RulesConfig,
} from '@eslint/plugin-kit';
import { classifyFile, type EnvironmentPatterns } from '../core/environment.js';
import type { Finding, PolicyOptions } from '../core/model.js';
import type { Frontend, SourceFile } from '../frontends/types.js';
import { runFrontend } from '../scanner/run-frontend.js';
import type { CommentNode, ConfigFileNode, Location, SecureDbNode } from './ast.js';
import { SECURE_DB_SOURCE_CODE } from './brand.js';

/** What a rule knows that the analysis needs: the policy, the path and the project root. */
export interface FindingsRequest {
  options: PolicyOptions;
  environments: EnvironmentPatterns;
  /** ESLint's `context.filename` and `context.cwd`. */
  filename: string;
  cwd: string;
}

/** The front-end that lowers the file, already given whatever the language's parse produced. */
export type Lowering = Pick<Frontend, 'name' | 'analyze' | 'printer'>;

const commentParser = new ConfigCommentParser();
const ESLINT_DIRECTIVES = new Set([
  'eslint-disable',
  'eslint-enable',
  'eslint-disable-line',
  'eslint-disable-next-line',
]);
/** The scanner's own directives (scanner/suppressions.ts), honoured by ESLint too. */
const SECURE_DB_DIRECTIVES: Record<string, DirectiveType> = {
  'secure-db-disable-line': 'disable-line',
  'secure-db-disable-next-line': 'disable-next-line',
};

export class SecureDbSourceCode extends TextSourceCodeBase<{
  LangOptions: Record<string, never>;
  RootNode: ConfigFileNode;
  SyntaxElementWithLoc: SecureDbNode;
  ConfigNode: CommentNode;
}> {
  readonly [SECURE_DB_SOURCE_CODE] = true;
  declare ast: ConfigFileNode;
  readonly bom: boolean;
  readonly #lowering: Lowering;
  readonly #cache = new Map<string, Finding[]>();

  constructor(options: { text: string; ast: ConfigFileNode; bom: boolean; lowering: Lowering }) {
    super({ text: options.text, ast: options.ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.ast = options.ast;
    this.bom = options.bom;
    this.#lowering = options.lowering;
  }

  /** The file's findings under `request`, as the scanner finds them in this file alone. */
  findings(request: FindingsRequest): Finding[] {
    const key = JSON.stringify([request.options, request.environments, request.cwd]);
    let findings = this.#cache.get(key);
    if (!findings) {
      const relativePath = relative(request.cwd, request.filename).replaceAll('\\', '/');
      const source: SourceFile = {
        path: request.filename,
        relativePath: relativePath.startsWith('..') ? request.filename : relativePath,
        text: this.text,
        bom: this.bom,
      };
      const lowering = this.#lowering;
      const frontend: Frontend = { ...lowering, matches: () => true, commentToken: null };
      findings = runFrontend(frontend, source, {
        file: classifyFile(request.filename, request.environments, request.cwd),
        options: request.options,
        // ESLint sees one file: facts other files give (which driver reads an environment
        // variable's URL) are the scanner's alone (docs/languages.md).
        project: { urlConsumers: new Map() },
      }).findings;
      this.#cache.set(key, findings);
    }
    return findings;
  }

  override getLoc(node: SecureDbNode): Location {
    return node.loc;
  }

  override getRange(node: SecureDbNode): [number, number] {
    return node.range;
  }

  override getParent(node: SecureDbNode): SecureDbNode | undefined {
    return node.type === 'Comment' ? this.ast : undefined;
  }

  getInlineConfigNodes(): CommentNode[] {
    return this.ast.comments;
  }

  getDisableDirectives(): {
    problems: { ruleId: null; message: string; loc: Location }[];
    directives: Directive[];
  } {
    const directives: Directive[] = [];
    for (const comment of this.ast.comments) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed) continue;
      const { label, value, justification } = parsed;
      if (ESLINT_DIRECTIVES.has(label)) {
        directives.push(
          new Directive({
            type: label.slice('eslint-'.length) as DirectiveType,
            node: comment,
            value,
            justification,
          }),
        );
      } else if (SECURE_DB_DIRECTIVES[label]) {
        // `secure-db-disable-line require-ssl` names rules without the plugin prefix.
        const ids = value
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((id) => `secure-db/${id.replace(/^secure-db\//, '')}`);
        directives.push(
          new Directive({
            type: SECURE_DB_DIRECTIVES[label],
            node: comment,
            value: ids.join(', '),
            justification,
          }),
        );
      }
    }
    return { problems: [], directives };
  }

  applyInlineConfig(): {
    problems: { ruleId: null; message: string; loc: Location }[];
    configs: { config: { rules: RulesConfig }; loc: Location }[];
  } {
    const problems: { ruleId: null; message: string; loc: Location }[] = [];
    const configs: { config: { rules: RulesConfig }; loc: Location }[] = [];
    for (const comment of this.ast.comments) {
      const parsed = commentParser.parseDirective(comment.value);
      if (parsed?.label !== 'eslint') continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { problems, configs };
  }

  override traverse(): Iterable<VisitNodeStep> {
    return [
      new VisitNodeStep({ target: this.ast, phase: 1, args: [this.ast, undefined] }),
      new VisitNodeStep({ target: this.ast, phase: 2, args: [this.ast, undefined] }),
    ];
  }
}

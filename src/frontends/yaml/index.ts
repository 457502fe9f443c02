/**
 * The YAML front-end: which files it reads and the keyword gate. The analysis itself
 * (analyze.ts) and the `yaml` package load in `load()`, which a scan calls only when a file
 * passes the gate (`needsLoad`), so a scan without such a file never pays for them.
 */
import { yamlPrinter } from '../shared/printers.js';
import type { Frontend, FrontendContext, FrontendOutput, SourceFile } from '../types.js';
import type * as Analysis from './analyze.js';

const YAML_FILE = /\.ya?ml$/i;
/** Lock files and CI definitions: YAML, but never a database configuration we read. */
const SKIPPED = /(?:^|\/)(?:pnpm-lock\.yaml|yarn\.lock|\.yarnrc\.yml|node_modules\/.*)$/;

/**
 * Every YAML finding needs one of these words (a TLS or password key, an env name, a URL):
 * a CI workflow or a chart's values without them is not parsed at all. Env names follow the
 * conventions of core/env-settings.ts and the password words of core/vocabulary.ts
 * (`DB_PW`, `DATABASE_REJECT_UNAUTHORIZED`). `secret` is not one: a workflow's
 * `${{ secrets.X }}` or a Secret's `kind` holds nothing to judge without them.
 */
const YAML_GATE =
  /ssl|tls|pass|pwd|pw\b|:\/\/|node_options|typeorm|mikro|dialect|encrypt|trust|reject_?unauthorized/i;

/** The analysis and the `yaml` package, loaded by `load()`. */
let loaded: typeof Analysis | undefined;

/**
 * For a host that cannot await `load()` (ESLint's synchronous `parse()`): the analysis
 * module, loaded by the host's own means, makes `analyze` usable at once.
 */
export function provideYamlAnalysis(module: typeof Analysis): void {
  loaded ??= module;
}

export const yamlFrontend: Frontend = {
  name: 'yaml',
  commentToken: '#',
  matches: (path) => YAML_FILE.test(path) && !SKIPPED.test(path.replaceAll('\\', '/')),
  printer: (source) => yamlPrinter(source.text),
  needsLoad: (source) => !source.text.includes('\u0000') && YAML_GATE.test(source.text),
  async load() {
    loaded ??= await import('./analyze.js');
  },
  collectFacts(source, facts) {
    // Only once loaded: a project whose YAML files all fail the gate has no override to help.
    if (loaded && !source.text.includes('\u0000')) loaded.collectComposeHosts(source, facts);
  },
  analyze(source: SourceFile, context): FrontendOutput {
    const text = source.text;
    if (text.includes('\u0000'))
      return {
        model: {},
        diagnostics: [
          { file: source.relativePath, message: 'Skipped: the file looks binary, not like YAML' },
        ],
      };
    if (!YAML_GATE.test(text)) return { model: {}, diagnostics: [] };
    if (!loaded) throw new Error('the YAML analysis is not loaded');
    return analyzeSafely(loaded, source, context);
  },
};

function analyzeSafely(
  module: typeof Analysis,
  source: SourceFile,
  context: FrontendContext,
): FrontendOutput {
  try {
    return module.analyzeYaml(source, context);
  } catch (error) {
    return {
      model: {},
      diagnostics: [
        {
          file: source.relativePath,
          message: `Internal error while reading the YAML file: ${(error as Error).name}`,
          kind: 'internal',
        },
      ],
    };
  }
}

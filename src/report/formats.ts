/**
 * The report formats, and each format's reporter loaded alone: a run prints one format,
 * and a pre-commit run should not load the other four (SARIF reads the rule docs).
 */
import type { Reporter } from './types.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

export async function loadReporter(format: Format): Promise<Reporter> {
  switch (format) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'github': {
      const { formatGithub } = await import('./github.js');
      return (result) => formatGithub(result);
    }
    case 'gitlab': {
      const { formatGitlab } = await import('./gitlab.js');
      return (result) => formatGitlab(result);
    }
  }
}

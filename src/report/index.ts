/** The reporter map (knip's shape): one module per format. */
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { Format } from './formats.js';
import type { Reporter } from './types.js';

export { FORMATS, type Format } from './formats.js';

export const REPORTERS: Readonly<Record<Format, Reporter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: (result) => formatGithub(result),
  gitlab: (result) => formatGitlab(result),
};

export type { ReportContext, Reporter } from './types.js';
export { buildJsonReport, type JsonReport, type JsonResult } from './json.js';
export { buildSarif } from './sarif.js';

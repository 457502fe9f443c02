/**
 * SARIF 2.1.0 shaped for GitHub code scanning (ECOSYSTEM §2.7, §3.9): relative
 * `%SRCROOT%` URIs with each segment encoded, rules only for what was reported (with
 * descriptions, help from the rule's doc page, CWE tags, precision and security-severity),
 * our fingerprint under `partialFingerprints['secureDbSite/v1']` (upload-sarif adds its
 * line hash beside it), diagnostics as tool execution notifications, UTF-16 columns.
 * Never `snippet`, never `contents`: the log is built from result fields only.
 */
import type { RuleId } from '../core/model.js';
import { rulePolicyOf } from '../core/policy.js';
import {
  DIRECTIVE_RULE_ID,
  docsUrlFor,
  type ScanDiagnostic,
  type ScanResult,
  type ScanResultEntry,
} from './result.js';
import { encodeUriSegment } from './file-names.js';
import { plainText, readRuleDoc, ruleDetails, truncate } from './rule-docs.js';
import type { ReportContext } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/secure-db/secure-db';
const TEXT_LIMIT = 1024;
/** A notification's descriptor per diagnostic kind; `budget`: past the size or time budget. */
const NOTIFICATION_IDS: Record<ScanDiagnostic['kind'], string> = {
  input: 'secure-db/input-error',
  internal: 'secure-db/internal-error',
  budget: 'secure-db/budget-exceeded',
};

type Json = Record<string, unknown>;

/** A relative path as a URI reference; the bytes of a name that is not UTF-8 percent-encoded. */
export function encodeUri(file: string): string {
  return file.split('/').map(encodeUriSegment).join('/');
}

function ruleDescriptor(ruleId: string): Json {
  if (ruleId === DIRECTIVE_RULE_ID) {
    const text =
      'An inline secure-db or eslint-disable directive that suppressed nothing, names an unknown rule, or (strict profile) gives no "-- reason".';
    return {
      id: ruleId,
      name: 'DisableDirective',
      shortDescription: { text: 'Report unused or incomplete suppression directives' },
      fullDescription: { text },
      help: { text, markdown: `${text}\n\nSee [inline suppressions](${docsUrlFor(ruleId)}).` },
      helpUri: docsUrlFor(ruleId),
      defaultConfiguration: { level: 'warning' },
      properties: {
        tags: ['maintainability'],
        precision: 'very-high',
        'problem.severity': 'warning',
      },
    };
  }
  const id = ruleId.replace(/^secure-db\//, '') as RuleId;
  const policy = rulePolicyOf(ruleId);
  const helpUri = docsUrlFor(ruleId);
  const doc = readRuleDoc(id);
  const details = doc ? ruleDetails(doc) : [];
  const full = truncate(details[0] ?? `${policy?.description ?? ruleId}.`, TEXT_LIMIT);
  const more = ` Documentation: ${helpUri}`;
  const helpText =
    truncate(
      details.length ? details.join(' ') : `${policy?.description ?? ruleId}.`,
      TEXT_LIMIT - more.length,
    ) + more;
  const cwe = policy?.cwe;
  const cweNumber = cwe?.replace(/^CWE-/, '');
  return {
    id: ruleId,
    name: id.replace(/(^|-)([a-z])/g, (_, __: string, c: string) => c.toUpperCase()),
    shortDescription: { text: truncate(policy?.description ?? ruleId, TEXT_LIMIT) },
    fullDescription: { text: full },
    help: {
      text: helpText,
      markdown: doc ?? `${plainText(policy?.description ?? ruleId)}.\n\nSee ${helpUri}.`,
    },
    helpUri,
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: ['security', ...(cwe ? [cwe, `external/cwe/cwe-${cweNumber}`] : [])],
      precision: 'high',
      'problem.severity': 'error',
      ...(policy ? { 'security-severity': policy.securitySeverity } : {}),
    },
  };
}

function location(file: string, region?: Json): Json {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeUri(file), uriBaseId: '%SRCROOT%' },
      ...(region ? { region } : {}),
    },
  };
}

export function buildSarif(result: ScanResult, context: ReportContext): Json {
  const entries: ScanResultEntry[] = [
    ...result.results,
    ...(context.includeSuppressed ? result.suppressed : []),
  ];
  entries.sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : a.line - b.line ||
          a.column - b.column ||
          (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  const ruleIds = [...new Set(entries.map((e) => e.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const results = entries.map((e) => {
    const r: Json = {
      ruleId: e.ruleId,
      ruleIndex: ruleIndex.get(e.ruleId),
      level: e.severity,
      message: { text: e.message },
      locations: [
        location(e.file, {
          startLine: e.line,
          startColumn: e.column,
          endLine: e.endLine,
          endColumn: e.endColumn,
        }),
      ],
      partialFingerprints: { 'secureDbSite/v1': e.fingerprint },
      properties: { environment: e.environment, fixable: e.fixable },
    };
    if (e.suppression)
      r.suppressions = [
        {
          kind: e.suppression.kind,
          ...(e.suppression.justification ? { justification: e.suppression.justification } : {}),
        },
      ];
    return r;
  });
  const notifications = result.errors.map((e) => ({
    level: e.kind === 'input' ? 'warning' : 'error',
    message: { text: e.message },
    ...(e.file ? { locations: [location(e.file)] } : {}),
    descriptor: { id: NOTIFICATION_IDS[e.kind] },
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: context.tool.name,
            version: context.tool.version,
            semanticVersion: context.tool.version,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: !result.errors.some((e) => e.kind === 'internal'),
            toolExecutionNotifications: notifications,
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(result: ScanResult, context: ReportContext): string {
  return JSON.stringify(buildSarif(result, context), null, 2) + '\n';
}

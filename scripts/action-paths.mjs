// Used by scripts/action-run.sh when the action's working-directory is a sub-directory of
// the repository: the scan reports paths relative to the working directory, but code
// scanning (SARIF `%SRCROOT%` URIs) and annotations (`file=`) need them relative to the
// repository root. Values arrive as arguments, never as code.
//
//   node action-paths.mjs sarif <file> <prefix>   rewrite the SARIF file in place
//   node action-paths.mjs github <prefix>         filter workflow commands, stdin → stdout
import { readFileSync, writeFileSync } from 'node:fs';

const [mode, ...args] = process.argv.slice(2);

/** As `@actions/core` escapes a property value (and src/report/github.ts). */
function escapeProperty(value) {
  return value
    .replaceAll('%', '%25')
    .replaceAll('\r', '%0D')
    .replaceAll('\n', '%0A')
    .replaceAll(':', '%3A')
    .replaceAll(',', '%2C');
}

function usable(prefix) {
  return (
    prefix !== '' &&
    prefix !== '.' &&
    !prefix.startsWith('../') &&
    prefix !== '..' &&
    !prefix.startsWith('/')
  );
}

function rebaseSarif(file, prefix) {
  const log = JSON.parse(readFileSync(file, 'utf8'));
  const encoded = prefix.split('/').map(encodeURIComponent).join('/');
  const visit = (node) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const artifact = node.artifactLocation;
    if (artifact && artifact.uriBaseId === '%SRCROOT%' && typeof artifact.uri === 'string')
      artifact.uri = `${encoded}/${artifact.uri}`;
    for (const value of Object.values(node)) visit(value);
  };
  for (const run of log.runs ?? []) {
    visit(run.results);
    visit(run.invocations);
  }
  writeFileSync(file, JSON.stringify(log, null, 2) + '\n');
}

async function rebaseGithub(prefix) {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  if (!usable(prefix)) {
    process.stdout.write(input);
    return;
  }
  const escaped = escapeProperty(`${prefix}/`);
  // `::name file=…,line=…::message`: only the property block (before the second `::`) is touched.
  const out = input.replace(
    /^(::[a-z]+ )([^\n]*?)(::)/gm,
    (_, head, props, tail) => head + props.replace(/(^|,)file=/, `$1file=${escaped}`) + tail,
  );
  process.stdout.write(out);
}

if (mode === 'sarif' && args.length === 2) {
  if (usable(args[1])) rebaseSarif(args[0], args[1]);
} else if (mode === 'github' && args.length === 1) {
  await rebaseGithub(args[0]);
} else {
  process.stderr.write('usage: action-paths.mjs sarif <file> <prefix> | github <prefix>\n');
  process.exit(2);
}

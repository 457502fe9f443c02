#!/usr/bin/env bash
# The run logic of action.yml (the composite GitHub Action), kept in a file so that
# test/gates/action.test.ts can execute exactly what a runner executes.
#
#   action-run.sh scan   run the scan once: SARIF to a file and --format github annotations;
#                        writes exit-code, sarif-file, upload (and failure, when secure-db
#                        could not be installed or did not run to the end) to $GITHUB_OUTPUT;
#                        exits 0 unless the action itself is misconfigured (exit 2)
#   action-run.sh probe  run secure-db probe on $SECURE_DB_PROBE_URL: --format github
#                        annotations; writes exit-code to $GITHUB_OUTPUT; exits 0 unless the
#                        action itself is misconfigured (exit 2)
#   action-run.sh gate   exit with the worst captured exit code ($SECURE_DB_EXIT_CODE, and
#                        $SECURE_DB_PROBE_EXIT_CODE when the probe ran), saying why: findings
#                        (1) are never confused with a run that failed ($SECURE_DB_FAILURE)
#
# Inputs arrive ONLY as environment variables (action.yml maps each input with `env:`),
# never interpolated into this script: a hostile value is data, not shell. Values are passed
# to the CLI as separate arguments, never through eval, and single-value inputs may not
# contain line breaks (they would forge lines in $GITHUB_OUTPUT or workflow commands).
#
# Environment (action.yml `env:`):
#   SECURE_DB_PATHS              paths, globs or directories, separated by white space (default .)
#   SECURE_DB_VERSION            npm version or dist-tag of eslint-plugin-secure-db
#                                (default: the version of this action's package.json)
#   SECURE_DB_WORKING_DIRECTORY  directory to scan from, relative to $GITHUB_WORKSPACE
#   SECURE_DB_PROFILE            default | strict (empty: the project's configuration)
#   SECURE_DB_BASELINE           baseline file (empty: secure-db-baseline.json when present)
#   SECURE_DB_SINCE              git revision: only files changed since the merge base (empty: all)
#   SECURE_DB_NEW_ONLY           true | false: with SECURE_DB_SINCE, only findings on changed lines
#   SECURE_DB_SARIF_FILE         SARIF file, relative to the working directory
#   SECURE_DB_UPLOAD_SARIF       auto | true | false
#   SECURE_DB_SCAN               true | false: false skips the scan (exit-code 0, no SARIF)
#   SECURE_DB_EVENT_NAME, SECURE_DB_PR_FORK, SECURE_DB_ACTOR   github context for `auto`
#   SECURE_DB_PROBE_URL          probe: the server URL (a secret: passed with --url-env, never argv)
#   SECURE_DB_PROBE_CA           probe: CA file, relative to the working directory
#   SECURE_DB_PROBE_EXPIRY_WARN_DAYS, SECURE_DB_PROBE_MAX_WARNINGS   probe: whole numbers
#   SECURE_DB_PROBE_CONNECT      probe: true | false
#   SECURE_DB_CLI                optional: a secure-db bin.js to run with node instead of npx
#                                (tests; projects that already install the package)
set -euo pipefail

fail() {
  # A fixed prefix: a value can never start a workflow command line.
  printf 'secure-db action: %s\n' "$1" >&2
  exit 2
}

output() {
  [ -n "${GITHUB_OUTPUT:-}" ] || fail 'GITHUB_OUTPUT is not set'
  printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
}

single_line() {
  case "$2" in
    *$'\n'* | *$'\r'*) fail "input $1 must be a single line" ;;
  esac
}

gate() {
  local code="${SECURE_DB_EXIT_CODE:-}"
  local probe_code="${SECURE_DB_PROBE_EXIT_CODE:-}"
  local failure="${SECURE_DB_FAILURE:-}${SECURE_DB_PROBE_FAILURE:-}"
  if [ -n "$failure" ]; then
    printf 'secure-db: %s\n' "$failure" >&2
    exit 2
  fi
  # The probe (when it ran) counts like the scan: the worse code wins; 2 beats 1.
  case "$probe_code" in
    '') ;;
    0) ;;
    1) [ "$code" = 2 ] || [ -z "$code" ] || code=1 ;;
    *) [ -z "$code" ] || code=2 ;;
  esac
  case "$code" in
    0) exit 0 ;;
    1)
      printf 'secure-db: findings at error level (exit code 1)\n' >&2
      exit 1
      ;;
    2)
      printf 'secure-db: usage, configuration or internal error, or the server could not be probed (exit code 2)\n' >&2
      exit 2
      ;;
    *)
      printf 'secure-db: the scan step did not finish\n' >&2
      exit 2
      ;;
  esac
}

# Sets the global array `cli`: the command that runs secure-db (no eval, no word splitting).
cli=()
resolve_cli() {
  local action_path="$1" version="$2"
  if [ -n "${SECURE_DB_CLI:-}" ]; then
    cli=(node "$SECURE_DB_CLI")
    return
  fi
  if [ -z "$version" ]; then
    version="$(node -p 'require(process.argv[1]).version' "$action_path/package.json")"
  fi
  # An npm version, range or dist-tag; anything else is refused before npx sees it.
  [[ "$version" =~ ^[0-9A-Za-z][0-9A-Za-z.+~^-]*$ ]] || fail 'input version must be an npm version or dist-tag'
  cli=(npx --yes --package "eslint-plugin-secure-db@$version" -- secure-db)
  cli_name="eslint-plugin-secure-db@$version"
}

# Installs and starts secure-db once (`--version`) before the real run, so that an npm
# failure (a 404, no network, a broken install) is reported as what it is, and never
# read as the exit code 1 of a scan with findings. Returns 1 (and sets `failure`) if it
# did not start.
cli_name='secure-db'
failure=''
cli_starts() {
  local log code=0
  log="$(mktemp)"
  "${cli[@]}" --version >"$log" 2>&1 || code=$?
  if [ "$code" -ne 0 ]; then
    # npm's own message (a 404 names the package) is useful; the last lines are enough.
    tail -n 5 "$log" | sed 's/^/  /' >&2
    failure="could not install or run $cli_name (exit code $code): no scan was run"
  fi
  rm -f "$log"
  [ "$code" -eq 0 ]
}

# A failed run: exit-code 2 and the reason, for the gate step to print.
output_failure() {
  printf 'secure-db action: %s\n' "$failure" >&2
  output failure "$failure"
}

scan() {
  local enabled="${SECURE_DB_SCAN:-true}"
  single_line scan "$enabled"
  case "$enabled" in
    true | '') ;;
    false)
      output exit-code 0
      output sarif-file ''
      output upload false
      return
      ;;
    *) fail 'input scan must be true or false' ;;
  esac
  local action_path workspace
  action_path="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  workspace="${GITHUB_WORKSPACE:-$PWD}"

  local version="${SECURE_DB_VERSION:-}"
  local working_directory="${SECURE_DB_WORKING_DIRECTORY:-.}"
  local profile="${SECURE_DB_PROFILE:-}"
  local baseline="${SECURE_DB_BASELINE:-}"
  local since="${SECURE_DB_SINCE:-}"
  local new_only="${SECURE_DB_NEW_ONLY:-false}"
  local sarif_file="${SECURE_DB_SARIF_FILE:-secure-db.sarif}"
  local upload="${SECURE_DB_UPLOAD_SARIF:-auto}"
  single_line version "$version"
  single_line working-directory "$working_directory"
  single_line profile "$profile"
  single_line baseline "$baseline"
  single_line since "$since"
  single_line new-only "$new_only"
  single_line sarif-file "$sarif_file"
  single_line upload-sarif "$upload"
  [ -n "$working_directory" ] || working_directory=.
  [ -n "$sarif_file" ] || sarif_file=secure-db.sarif
  case "$upload" in
    auto | true | false) ;;
    *) fail 'input upload-sarif must be auto, true or false' ;;
  esac
  case "$new_only" in
    '' | false) new_only=false ;;
    true) [ -n "$since" ] || fail 'input new-only needs the since input' ;;
    *) fail 'input new-only must be true or false' ;;
  esac

  resolve_cli "$action_path" "$version"

  # Paths: separated by white space, never glob-expanded by the shell (the CLI expands
  # globs itself, relative to the working directory), passed after `--` so that a path
  # can never be read as an option.
  local -a paths=()
  local had_noglob=0
  case "$-" in *f*) had_noglob=1 ;; esac
  set -f
  local IFS=$' \t\n'
  # shellcheck disable=SC2206 # splitting on white space is the documented input format
  paths=(${SECURE_DB_PATHS:-.})
  unset IFS
  [ "$had_noglob" = 1 ] || set +f
  [ "${#paths[@]}" -gt 0 ] || paths=(.)

  local -a options=()
  # `--name=value`: a value that starts with a dash stays a value.
  [ -z "$profile" ] || options+=("--profile=$profile")
  [ -z "$baseline" ] || options+=("--baseline=$baseline")
  [ -z "$since" ] || options+=("--since=$since")
  [ "$new_only" = false ] || options+=(--new-only)

  cd -- "$workspace" || fail 'GITHUB_WORKSPACE does not exist'
  cd -- "$working_directory" || fail 'input working-directory does not exist'
  local workdir prefix
  workdir="$(pwd -P)"
  # The scan's paths are relative to the working directory; code scanning and annotations
  # want them relative to the repository (the workspace).
  prefix="$(node -e 'const p=require("node:path");const r=p.relative(p.resolve(process.argv[1]),process.argv[2]).split(p.sep).join("/");process.stdout.write(r)' "$workspace" "$workdir")"
  local sarif_path
  sarif_path="$(node -p 'require("node:path").resolve(process.argv[1])' "$sarif_file")"

  # A SARIF file left by an earlier step is not this run's report.
  rm -f -- "$sarif_path"
  local code=0
  if ! cli_starts; then
    output exit-code 2
    output sarif-file "$sarif_path"
    output upload false
    output_failure
    return
  fi

  # One scan, two reports: SARIF to the file, annotations (made relative to the repository
  # by action-paths.mjs) on stdout. The gate is the scanner's exit code, not the filter's.
  local -a statuses
  set +e
  "${cli[@]}" scan "${options[@]}" --no-warn-ignored --format sarif "--output-file=$sarif_file" --format github -- "${paths[@]}" |
    node "$action_path/scripts/action-paths.mjs" github "$prefix"
  statuses=("${PIPESTATUS[@]}")
  set -e
  code="${statuses[0]}"
  case "$code" in
    0 | 1)
      # Exit 0 or 1 is a verdict only with the report that backs it.
      if [ ! -s "$sarif_path" ]; then
        failure="secure-db exited with code $code but wrote no SARIF file ($sarif_file): the scan did not run to the end"
      fi
      ;;
    2) ;;
    *) failure="secure-db did not finish (exit code $code)" ;;
  esac
  [ -z "$failure" ] || code=2
  if [ -f "$sarif_path" ] && [ -n "$prefix" ]; then
    node "$action_path/scripts/action-paths.mjs" sarif "$sarif_path" "$prefix"
  fi
  [ -z "$failure" ] || output_failure

  local will_upload=false
  if [ -f "$sarif_path" ]; then
    case "$upload" in
      true) will_upload=true ;;
      auto)
        # Fork and Dependabot pull requests get a read-only token: the upload would fail.
        if [ "${SECURE_DB_PR_FORK:-}" = true ] || [ "${SECURE_DB_ACTOR:-}" = 'dependabot[bot]' ]; then
          printf 'secure-db: not uploading SARIF (pull request from a fork or Dependabot: read-only token)\n'
        else
          will_upload=auto
        fi
        ;;
    esac
  fi

  output exit-code "$code"
  output sarif-file "$sarif_path"
  output upload "$will_upload"
}

probe() {
  local action_path workspace
  action_path="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  workspace="${GITHUB_WORKSPACE:-$PWD}"
  local version="${SECURE_DB_VERSION:-}"
  local working_directory="${SECURE_DB_WORKING_DIRECTORY:-.}"
  local ca="${SECURE_DB_PROBE_CA:-}"
  local warn_days="${SECURE_DB_PROBE_EXPIRY_WARN_DAYS:-30}"
  local max_warnings="${SECURE_DB_PROBE_MAX_WARNINGS:-}"
  local connect="${SECURE_DB_PROBE_CONNECT:-false}"
  single_line version "$version"
  single_line working-directory "$working_directory"
  single_line probe-ca "$ca"
  [ -n "${SECURE_DB_PROBE_URL:-}" ] || fail 'input probe-url is empty'
  [ -n "$working_directory" ] || working_directory=.
  [[ "$warn_days" =~ ^[0-9]+$ ]] || fail 'input probe-expiry-warn-days must be a whole number'
  [[ "$max_warnings" =~ ^[0-9]*$ ]] || fail 'input probe-max-warnings must be a whole number or empty'
  case "$connect" in
    true | false) ;;
    *) fail 'input probe-connect must be true or false' ;;
  esac
  resolve_cli "$action_path" "$version"

  local -a options=("--expiry-warn-days=$warn_days")
  [ -z "$ca" ] || options+=("--ca=$ca")
  [ -z "$max_warnings" ] || options+=("--max-warnings=$max_warnings")
  [ "$connect" = false ] || options+=(--connect)

  cd -- "$workspace" || fail 'GITHUB_WORKSPACE does not exist'
  cd -- "$working_directory" || fail 'input working-directory does not exist'
  if ! cli_starts; then
    output exit-code 2
    output_failure
    return
  fi
  # The URL (and any password in it) reaches the CLI only through the environment.
  local code=0
  "${cli[@]}" probe --url-env SECURE_DB_PROBE_URL "${options[@]}" --format github || code=$?
  case "$code" in
    0 | 1 | 2) ;;
    *)
      failure="secure-db probe did not finish (exit code $code)"
      code=2
      output_failure
      ;;
  esac
  output exit-code "$code"
}

case "${1:-}" in
  scan) scan ;;
  probe) probe ;;
  gate) gate ;;
  *) fail 'usage: action-run.sh scan|probe|gate' ;;
esac

#!/usr/bin/env bash
# Runs Cyclone's whole test suite from a fresh clone: builds once (Release), then runs every test project.
#   ./test.sh            unit and end-to-end tests
#   ./test.sh --unit     only the fast unit tests (Core, Storage, Agent, Hub, and the dashboard's Vitest tests)
#   ./test.sh --e2e      only the end-to-end tests (real hub and agent processes on 127.0.0.1)
#   ./test.sh --faults   only the fault suite (load, killed agents and hub, partitions, a full disk; root for all faults)
#   ./test.sh --slurm    only the Slurm tests (a real single-node Slurm; part of --e2e too)
# Anything after the mode is passed on to `dotnet test`, e.g. ./test.sh --unit --filter Placement
set -euo pipefail
cd "$(dirname "$0")"

# a SIGCHLD ignored by whoever started this script would pass on to the test hosts, and the kernel would then reap the
# processes the agent tests start before their exit status can be read (the cyclone command itself undoes it at start)
if [ -z "${CYCLONE_TEST_SIGCHLD_DEFAULT:-}" ] && env --default-signal=CHLD true 2>/dev/null; then
  export CYCLONE_TEST_SIGCHLD_DEFAULT=1
  exec env --default-signal=CHLD "$0" "$@"
fi

mode=all
case "${1:-}" in
  --unit) mode=unit; shift ;;
  --e2e) mode=e2e; shift ;;
  --faults) mode=faults; shift ;;
  --slurm) mode=slurm; shift ;;
  --all) shift ;;
  -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
esac

unit=(tests/Cyclone.Core.Tests tests/Cyclone.Storage.Tests tests/Cyclone.Tasks.Tests tests/Cyclone.Agent.Tests tests/Cyclone.Hub.Tests samples/TaskPlugin.Tests dashboard)
e2e=(tests/Cyclone.EndToEnd.Tests)
faults=(faults)
case "$mode" in
  unit) projects=("${unit[@]}") ;;
  e2e) projects=("${e2e[@]}") ;;
  faults) projects=("${faults[@]}") ;;
  slurm) projects=(slurm) ;;
  *) projects=("${unit[@]}" "${e2e[@]}" "${faults[@]}") ;;
esac

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK (dotnet) is not on PATH; install it first (https://dot.net)" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== building (Release)"
dotnet build Cyclone.slnx -c Release --nologo -v quiet -clp:ErrorsOnly

failed=()
summary=$(mktemp)
logs=$(mktemp -d)
trap 'rm -rf "$summary" "$logs"' EXIT
# keeps each project's whole output, to repeat what failed in it at the very end
note_failures() { tee -a "$log"; }
log_of() { echo "$logs/$(echo "$1" | tr '/' '_').log"; }
for project in "${projects[@]}"; do
  echo "== testing $project"
  log=$(log_of "$project")
  set +e
  if [ "$project" = dashboard ]; then
    # the web dashboard's component and unit tests (Vitest); the build above already ran npm ci
    if command -v npm >/dev/null 2>&1; then
      (cd dashboard && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; } && npm test --silent)
      status=$?
    elif [ "${CYCLONE_REQUIRE_SERVICES:-}" = 1 ]; then
      echo "test.sh: npm is not on PATH, and CYCLONE_REQUIRE_SERVICES=1 requires the dashboard tests" >&2
      status=1
    else
      echo "test.sh: SKIPPED the dashboard tests: npm is not on PATH (install Node.js 20 or later)" >&2
      status=0
    fi
  elif [ "$project" = faults ]; then
    # the fault suite: the end-to-end project's "faults" category, with its summary table at the end
    CYCLONE_FAULT_SUMMARY="$summary" dotnet test tests/Cyclone.EndToEnd.Tests -c Release --no-build --nologo \
      --filter "Category=faults" --logger "console;verbosity=normal" "$@" 2>&1 | note_failures | grep -v -E '^\s*Passed |^\s*$'
    status=${PIPESTATUS[0]}
    cat "$summary"
  elif [ "$project" = slurm ]; then
    # the end-to-end project's "slurm" category: a real single-node Slurm started by the tests (tests/Shared/SlurmCluster.cs)
    dotnet test tests/Cyclone.EndToEnd.Tests -c Release --no-build --nologo --filter "Category=slurm" \
      --logger "console;verbosity=normal" "$@" 2>&1 | note_failures | grep -v -E '^\s*Passed |^\s*$'
    status=${PIPESTATUS[0]}
  else
    filter=()
    if [ "$project" = tests/Cyclone.EndToEnd.Tests ]; then filter=(--filter "Category!=faults"); fi
    dotnet test "$project" -c Release --no-build --nologo --blame --logger "console;verbosity=normal" "${filter[@]}" "$@" 2>&1 \
      | note_failures | grep -v -E '^\s*Passed |^\s*$'
    status=${PIPESTATUS[0]}
  fi
  set -e
  if [ "$status" -ne 0 ]; then
    failed+=("$project")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  # a CI log may keep only its tail: each failing project's failed tests (name, message, first stack lines),
  # a test host that crashed or aborted, and the runner's own last lines
  for project in "${failed[@]}"; do
    log=$(log_of "$project")
    echo "== what failed in $project:" >&2
    if [ -f "$log" ]; then
      awk '/^ *Failed [A-Za-z_]|Test Run Aborted|active test run was aborted|host process crashed|Unhandled exception|Fatal error/{n=20}
           n>0{print; n--}' "$log" | head -n 150 >&2
      echo "-- its last lines:" >&2
      grep -v -E '^\s*Passed |^\s*$' "$log" | tail -n 12 >&2
    fi
  done
  echo "== FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "== all tests passed"

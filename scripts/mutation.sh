#!/usr/bin/env bash
# Mutation testing with Stryker.NET (a local tool, .config/dotnet-tools.json). Each area has its own
# configuration, tests/mutation/<area>.json: the files to mutate and the fast tests that judge them
# (the name's prefix says which project: gateway-*, vm-*, runtimes). Reports go to
# artifacts/mutation/<area>/reports/, and a summary with every surviving mutant is printed.
# Slow, so not part of CI; docs/mutation.md has the scores and the survivors judged equivalent.
#
#   scripts/mutation.sh                    every area, one after another
#   scripts/mutation.sh gateway-scaling    the named areas only
#
# STRYKER_CONCURRENCY (default 2) sets how many test runs go at once. Run one area at a time: two
# runs would build the shared projects at once. Afterwards a test project's build output holds only
# the chosen tests, until the next `dotnet build` (which sees the changed file list) builds it whole.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet tool restore >/dev/null

areas=("$@")
if [[ ${#areas[@]} -eq 0 ]]; then
  areas=()
  for config in tests/mutation/*.json; do
    areas+=("$(basename "$config" .json)")
  done
fi

status=0
for area in "${areas[@]}"; do
  config="$PWD/tests/mutation/$area.json"
  if [[ ! -f "$config" ]]; then
    echo "mutation: no configuration $config" >&2
    exit 2
  fi

  # The test project and the fast test files that judge the area (Directory.Build.targets builds
  # only those when FlintTestsOnly is set; the end-to-end tests are left out).
  case "$area" in
    gateway-scaling)
      test_project=tests/Flint.Gateway.Tests
      tests="Scaling/FunctionPoolTests.cs;Scaling/ScalerTests.cs;Scaling/ScalerLifetimeTests.cs;Scaling/LeftoverSweeperTests.cs;Scaling/ScalerErrorsTests.cs" ;;
    gateway-proxy)
      test_project=tests/Flint.Gateway.Tests
      tests="Proxy/ForwardOutcomeTests.cs;Proxy/InvocationPhasesTests.cs;Proxy/ObservedRequestBodyTests.cs;Proxy/InstanceTransformerTests.cs" ;;
    gateway-endpoints)
      test_project=tests/Flint.Gateway.Tests
      tests="Endpoints/DeployValidationTests.cs;Endpoints/ErrorResponseTests.cs;Endpoints/JsonBodyTests.cs;Endpoints/RequestHeaderLimitsTests.cs;Endpoints/Deploy/QuantitiesTests.cs" ;;
    vm-linux)
      test_project=tests/Flint.Vm.Tests
      tests=$(cd "$test_project" && find Linux -name '*Tests.cs' \
        ! -name '*RunTests.cs' ! -name AbiLayoutTests.cs ! -name EventsEndToEndTests.cs ! -name SocketServerTests.cs ! -name SignalDeliveryTests.cs ! -name SocketSyscallsTests.cs \
        | sort | paste -sd ';') ;;
    vm-memory)
      test_project=tests/Flint.Vm.Tests
      tests="Memory/AddressSpaceTests.cs;Memory/GuestMemoryTests.cs;Memory/PageTablesTests.cs;Memory/PageWalkTests.cs;Linux/MemorySyscallsTests.cs" ;;
    vm-monitor)
      test_project=tests/Flint.Vm.Tests
      tests="Monitor/VcpuLoopTests.cs;Monitor/VcpuThreadFilterTests.cs" ;;
    runtimes)
      test_project=tests/Flint.Runtimes.Tests
      tests="RuntimeRegistryTests.cs;PhaseTimelineTests.cs;Vm/SnapshotStoreTests.cs" ;;
    *) echo "mutation: no test project known for area $area" >&2; exit 2 ;;
  esac
  output="$PWD/artifacts/mutation/$area"
  rm -rf "$output"
  echo "== $area (tests in $test_project)"
  started=$(date +%s)
  if ! (cd "$test_project" && FlintTestsOnly="$tests" dotnet stryker --config-file "$config" --output "$output" \
      --test-runner mtp --concurrency "${STRYKER_CONCURRENCY:-2}" --skip-version-check); then
    status=1
  fi
  echo "== $area: $(( $(date +%s) - started )) s"
  python3 scripts/mutation-summary.py "$area" "$output"
done
exit $status

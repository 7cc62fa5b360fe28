#!/usr/bin/env bash
# Runs the whole PiChassis test suite on a fresh Debian machine with the .NET 10 SDK.
# Installs what the tests need, runs every test project, and ends with one line
# "N passed, N failed" counted from the test results.
set -uo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need_apt+=(mosquitto)
command -v mosquitto_rr >/dev/null 2>&1 || need_apt+=(mosquitto-clients)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
# systemd-analyze rates the controller unit's hardening (it runs offline, no systemd needed).
command -v systemd-analyze >/dev/null 2>&1 || need_apt+=(systemd)
# Debian's Chromium for the Node-RED dashboard test (/usr/bin/chromium is a wrapper of this).
[ -x /usr/lib/chromium/chromium ] || need_apt+=(chromium)
# Real Redfish clients for the Redfish tests: DMTF's CLI and the library Ironic and Metal3 use.
command -v redfishtool >/dev/null 2>&1 || need_apt+=(redfishtool)
dpkg -s python3-sushy >/dev/null 2>&1 || need_apt+=(python3-sushy)
# The Kubernetes kit: its manifests read by a real YAML parser, the template node decoded by Debian's protoc.
dpkg -s python3-yaml >/dev/null 2>&1 || need_apt+=(python3-yaml)
# A second, independent gRPC stack for the autoscaler tests: Debian's grpcio, protoc with its Python
# gRPC plugin, and the well-known .proto files (timestamp, duration, any) the definition imports.
for pkg in python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc libprotobuf-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing: ${need_apt[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}") >/dev/null \
    || echo "warning: could not install ${need_apt[*]}" >&2
fi

results=$(mktemp -d)
summary=TestResults/reliability-summary.txt
rm -f "$summary"
dotnet build PiChassis.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
dotnet test PiChassis.sln -c Release --no-build -nologo \
  --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
  f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# The Node-RED dashboard test: a real Node-RED and Chromium, pinned in tests/node-red/package-lock.json
# and installed into tests/node-red/node_modules when missing or older than the lock file.
nodered=tests/node-red
if [ ! -f "$nodered/node_modules/.package-lock.json" ] || [ "$nodered/package-lock.json" -nt "$nodered/node_modules/.package-lock.json" ]; then
  echo "Installing the Node-RED test's packages (npm ci)"
  (cd "$nodered" && npm ci --no-audit --no-fund --loglevel=error) \
    || echo "error: npm ci in $nodered failed: the Node-RED dashboard test cannot run" >&2
fi
tap="$results/node-red.tap"
node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" "$nodered"/*.test.js
node_status=$?
p=$(grep -o '^# pass [0-9]*' "$tap" 2>/dev/null | grep -o '[0-9]*$')
f=$(grep -o '^# fail [0-9]*' "$tap" 2>/dev/null | grep -o '[0-9]*$')
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
if [ "$node_status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
if [ "$node_status" -ne 0 ]; then status=1; fi

rm -rf "$results"
# The reliability suite's table of figures (PICHASSIS_RELIABILITY=long for its long form).
if [ -f "$summary" ]; then cat "$summary"; fi
echo "${passed} passed, ${failed} failed"
exit "$status"

#!/usr/bin/env bash
# Prints PiChassis's performance figures (README "Performance"): the I2C cost of a 16-slot sweep,
# the stock INA219 binding for comparison, and the footprint of the shipped build (Native AOT,
# published here for this machine) with 16 simulated slots sampled at 10 Hz and publishing to a
# Mosquitto, its payloads against the JIT build's, and a fleet of 20 of them with the CLI across it.
#   bash tests/PiChassis.Perf/run.sh                  # the shipped build
#   bash tests/PiChassis.Perf/run.sh --fleet-only     # only the footprint, payload check and fleet
#   bash tests/PiChassis.Perf/run.sh --with-trimmed   # and the trimmed single-file build next to it
#   bash tests/PiChassis.Perf/run.sh --arm64          # and start the linux-arm64 build under qemu
#   bash tests/PiChassis.Perf/run.sh --latency-only   # only trip and command latency (~1.5 min, nothing published)
# The default run ends with the latency benchmarks. Other arguments go to the benchmark program
# (e.g. --window 120, --trips 500, --commands 5000).
set -euo pipefail
cd "$(dirname "$0")/../.."

with_trimmed=false
arm64=false
latency_only=false
rest=()
for arg in "$@"; do
  case "$arg" in
    --with-trimmed) with_trimmed=true ;;
    --arm64) arm64=true ;;
    --fleet-only) rest+=(--only fleet) ;;
    --latency-only) latency_only=true ;;
    *) rest+=("$arg") ;;
  esac
done

case "$(uname -m)" in
  aarch64|arm64) rid=linux-arm64 ;;
  *) rid=linux-x64 ;;
esac

# What the benchmarks need from Debian, installed when missing: Mosquitto for the footprint, fleet and
# command latency; clang to link Native AOT; with --arm64 the cross toolchain and qemu to run it.
need_apt=()
[ -x /usr/sbin/mosquitto ] || command -v mosquitto >/dev/null 2>&1 || need_apt+=(mosquitto)
if ! $latency_only; then
  command -v clang >/dev/null 2>&1 || need_apt+=(clang)
  if $arm64; then
    [ -e /usr/aarch64-linux-gnu/lib/libc.so ] || need_apt+=(libc6-dev-arm64-cross libgcc-12-dev-arm64-cross)
    command -v aarch64-linux-gnu-objcopy >/dev/null 2>&1 || need_apt+=(binutils-aarch64-linux-gnu)
    command -v qemu-aarch64-static >/dev/null 2>&1 || need_apt+=(qemu-user-static)
  fi
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing: ${need_apt[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}") >/dev/null \
    || echo "warning: could not install ${need_apt[*]}" >&2
fi

if $latency_only; then
  exec dotnet run -c Release --project tests/PiChassis.Perf -- --only latency "${rest[@]}"
fi

out=artifacts/perf
mkdir -p "$out"
# Publishes quietly but lists every trim/AOT warning it printed (publish.sh fails on unreviewed ones).
publish() {
  local mode=$1 log="$out/publish-$rid-$1.log"
  bash controller/deploy/publish.sh --rid "$rid" "--$mode" --output "$out/$rid-$mode" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  local warnings
  warnings=$(grep -oE "warning (IL|AOT)[0-9]+: .*" "$log" | sed 's/ \[.*\]$//' | sort -u || true)
  echo "Trim/AOT warnings of the $rid $mode publish: $(printf '%s' "$warnings" | grep -c . || true)"
  [ -z "$warnings" ] || sed 's/^/  /' <<<"$warnings"
}
publish aot
controllers=(--controller "shipped: $rid Native AOT=$out/$rid-aot/pichassis-controller")
# The fleet asks through the CLI as an operator would; the JIT build is the reference for the payloads.
dotnet publish controller/PiChassis.Cli -c Release -o "$out/cli" >/dev/null
controllers+=(--cli "$out/cli/pichassis" --jit-controller controller/PiChassis.Controller/bin/Release/net10.0/pichassis-controller.dll)
if $with_trimmed; then
  publish trimmed
  # The same 1 MiB gen0 budget the AOT build has built in, so memory is compared like for like.
  controllers+=(--controller "$rid trimmed single-file=$out/$rid-trimmed/pichassis-controller" --env DOTNET_GCgen0size=100000)
fi

dotnet run -c Release --project tests/PiChassis.Perf -- "${controllers[@]}" "${rest[@]}"

if $arm64; then
  bash controller/deploy/publish.sh --rid linux-arm64 --aot --output "$out/linux-arm64-aot" >/dev/null
  data=$(mktemp -d)
  log=$data/console.log
  started=$(date +%s%N)
  QEMU_LD_PREFIX=/usr/aarch64-linux-gnu qemu-aarch64-static "$out/linux-arm64-aot/pichassis-controller" \
    --simulate --slots 16 --data-dir "$data/state" --ConsoleView:Interval=00:00:00.500 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    grep -q '^slot  node' "$log" && break
    sleep 0.05
  done
  first=$(( ($(date +%s%N) - started) / 1000000 ))
  sleep 3 # every slot's full read (bus voltage) comes round once in 16 sweeps
  kill -TERM "$pid"
  wait "$pid" || true
  echo
  echo "linux-arm64 Native AOT under qemu-aarch64-static (emulated, not a Pi's speed): first status table after ${first} ms; the last one:"
  awk '/ total /{table=""} {table=table $0 "\n"} /^  16 /{last=table} END{printf "%s", last}' "$log"
  rm -rf "$data"
fi

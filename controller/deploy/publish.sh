#!/usr/bin/env bash
# Publishes the controller as a self-contained build for a Raspberry Pi (linux-arm64, the default)
# or a PC (linux-x64): Native AOT by default (one native executable, smallest on disk and in
# memory, see README "Performance"), or --trimmed for a trimmed single-file .NET build.
# Cross-compiling Native AOT for arm64 on an x64 machine needs Debian's cross packages:
#   apt-get install clang binutils-aarch64-linux-gnu libc6-dev-arm64-cross libgcc-12-dev-arm64-cross
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: controller/deploy/publish.sh [--rid linux-arm64|linux-x64] [--aot|--trimmed] [--output DIR]
  --rid RID      target platform (default linux-arm64: Raspberry Pi OS 64-bit)
  --aot          Native AOT (default)
  --trimmed      self-contained, trimmed, single-file .NET build
  --output DIR   where the build goes (default artifacts/publish/RID-MODE)
USAGE
}

rid=linux-arm64
mode=aot
output=
while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rid=${2:?--rid needs a value}; shift 2 ;;
    --aot) mode=aot; shift ;;
    --trimmed) mode=trimmed; shift ;;
    --output|-o) output=${2:?--output needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "publish.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

case "$rid" in
  linux-arm64) target_arch=aarch64 ;;
  linux-x64) target_arch=x86_64 ;;
  *) echo "publish.sh: unsupported --rid '$rid' (linux-arm64 or linux-x64)" >&2; exit 2 ;;
esac

repo=$(cd "$(dirname "$0")/../.." && pwd)
output=${output:-$repo/artifacts/publish/$rid-$mode}
project=$repo/controller/PiChassis.Controller/PiChassis.Controller.csproj

# Trim/AOT warnings fail the build, except the summary (IL2104) of libraries reviewed by hand:
#   UnitsNet: UnitConverter.Default finds conversion methods by reflection (under Native AOT it comes
#     up empty). Neither we nor Iot.Device.Bindings use it: we convert through the quantities' own
#     properties, which trimming keeps. Checked: Ina219Calibration built from milliohms and
#     milliamperes gives the same registers trimmed, AOT and JIT, and the published controllers
#     read the simulated slots as the JIT build does.
#   System.Device.Gpio: UnmanagedArray<T>.ReadToManagedArray marshals libgpiod structs (value types).
reviewed=(UnitsNet System.Device.Gpio)

args=(publish "$project" -c Release -r "$rid" --self-contained -o "$output"
  -p:DebugType=none -p:WarningsNotAsErrors=IL2104)
if [ "$mode" = aot ]; then
  args+=(-p:PublishAot=true -p:StripSymbols=true -p:CopyOutputSymbolsToPublishDirectory=false)
  if [ "$(uname -m)" != "$target_arch" ]; then
    # Cross-compiling: clang links for the target with the cross binutils and libc; the sysroot is /
    # because Debian's cross libc (/usr/aarch64-linux-gnu) names its files by absolute path.
    cc=$(command -v clang || command -v clang-14 || true)
    objcopy=$target_arch-linux-gnu-objcopy
    if [ -z "$cc" ] || ! command -v "$objcopy" >/dev/null || [ ! -e "/usr/$target_arch-linux-gnu/lib/libc.so" ]; then
      echo "publish.sh: cross-compiling Native AOT for $rid needs clang and the cross toolchain:" >&2
      echo "  apt-get install clang binutils-$target_arch-linux-gnu libc6-dev-${rid#linux-}-cross libgcc-12-dev-${rid#linux-}-cross" >&2
      echo "or build on the Pi itself, or use --trimmed." >&2
      exit 1
    fi
    args+=(-p:CppCompilerAndLinker="$(basename "$cc")" -p:SysRoot=/ -p:ObjCopyName="$objcopy")
  fi
else
  args+=(-p:PublishSingleFile=true -p:PublishTrimmed=true)
fi

rm -rf "$output"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "Publishing $rid ($mode) to $output"
if ! dotnet "${args[@]}" 2>&1 | tee "$log"; then
  exit 1
fi

unreviewed=$(grep -o "Assembly '[^']*' produced [a-zA-Z ]*warnings" "$log" | cut -d"'" -f2 | sort -u \
  | grep -v -x -F -f <(printf '%s\n' "${reviewed[@]}") || true)
if [ -n "$unreviewed" ]; then
  echo "publish.sh: trim/AOT warnings from assemblies nobody has reviewed: $unreviewed" >&2
  echo "Look at them with -p:TrimmerSingleWarn=false, then fix or review and list them in publish.sh." >&2
  exit 1
fi

echo "Published: $(du -sh "$output" | cut -f1) in $output"

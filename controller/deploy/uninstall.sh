#!/usr/bin/env bash
# Removes the PiChassis controller: stops and disables the service, removes the unit and
# /opt/pichassis. Settings (/etc/pichassis) and state (/var/lib/pichassis: energy counters, event
# journal) stay, so a reinstall carries on; --purge removes them and the pichassis user too.
#   sudo controller/deploy/uninstall.sh [--purge] [--root DIR] [--dry-run]
set -euo pipefail

user=pichassis
root=
purge=false
dry_run=false

while [ $# -gt 0 ]; do
  case "$1" in
    --purge) purge=true; shift ;;
    --root) root=${2:?--root needs a directory}; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) sed -n '2,6s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "uninstall.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

if [ -z "$root" ] && ! $dry_run && [ "$(id -u)" -ne 0 ]; then
  echo "uninstall.sh: run as root (sudo), or use --root DIR or --dry-run" >&2
  exit 1
fi

# shellcheck source=steps.sh
. "$(cd "$(dirname "$0")" && pwd)/steps.sh"

if [ -n "$root" ] || $dry_run || systemctl list-unit-files pichassis.service >/dev/null 2>&1; then
  system systemctl disable --now pichassis.service
fi

fs rm -f "$root/etc/systemd/system/pichassis.service"
fs rm -rf "$root/etc/systemd/system/pichassis.service.d"
system systemctl daemon-reload
fs rm -rf "$root/opt/pichassis"

if $purge; then
  fs rm -rf "$root/etc/pichassis" "$root/var/lib/pichassis"
  if [ -n "$root" ] || $dry_run || id "$user" >/dev/null 2>&1; then
    system userdel "$user"
  fi
  echo "PiChassis removed, with its settings, state and user."
else
  echo "PiChassis removed. Kept /etc/pichassis and /var/lib/pichassis (uninstall.sh --purge removes them)."
fi

#!/usr/bin/env bash
# Installs (or upgrades) the PiChassis controller on Raspberry Pi OS: a system user in the gpio and
# i2c groups, the build in /opt/pichassis, settings in /etc/pichassis (an existing file is kept),
# the systemd unit, I2C switched on, and the service enabled and (re)started.
#   sudo controller/deploy/install.sh                 # the build from publish.sh for this Pi
#   sudo controller/deploy/install.sh --from DIR      # a build elsewhere
#   controller/deploy/install.sh --root DIR           # files only, into DIR (packaging, tests; as root or fakeroot)
#   controller/deploy/install.sh --dry-run            # print what would be done
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
user=pichassis
root=
from=
dry_run=false
start=true

usage() { sed -n '2,9s/^# \{0,1\}//p' "$0"; echo "Options: --from DIR, --root DIR, --dry-run, --no-start"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --from) from=${2:?--from needs a directory}; shift 2 ;;
    --root) root=${2:?--root needs a directory}; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    --no-start) start=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if [ -z "$from" ]; then
  case "$(uname -m)" in
    aarch64|arm64) rid=linux-arm64 ;;
    *) rid=linux-x64 ;;
  esac
  from=$here/../../artifacts/publish/$rid-aot
fi

if [ ! -x "$from/pichassis-controller" ]; then
  echo "install.sh: no build in '$from' (run controller/deploy/publish.sh first, or pass --from DIR)" >&2
  exit 1
fi

if [ -z "$root" ] && ! $dry_run && [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (sudo), or use --root DIR or --dry-run" >&2
  exit 1
fi

# shellcheck source=steps.sh
. "$here/steps.sh"

opt=$root/opt/pichassis
etc=$root/etc/pichassis
unit=$root/etc/systemd/system/pichassis.service

for group in gpio i2c; do
  if ! getent group "$group" >/dev/null || [ -n "$root" ]; then
    system groupadd --system -f "$group"
  fi
done

if [ -z "$root" ] && id "$user" >/dev/null 2>&1; then
  system usermod --append --groups gpio,i2c "$user"
else
  system useradd --system --user-group --groups gpio,i2c --home-dir /var/lib/pichassis --no-create-home \
    --shell /usr/sbin/nologin --comment "PiChassis controller" "$user"
fi

# Every installed file is root's with an explicit mode, whoever built it and however loose the build
# tree is: neither the build user nor the service user may replace what runs as the service.
as_root=(-o root -g root)

# A program is an ELF file or a script, whatever mode the build tree gives it (a 0777 tree is common
# on shared or FAT media).
is_program() {
  local magic
  magic=$(head -c 4 "$1" | tr -d '\0')
  [ "$magic" = $'\x7fELF' ] || [ "${magic:0:2}" = '#!' ]
}

# The build, copied file by file: programs 0755, everything else 0644. An aborted run's leftover goes first.
fs rm -rf "$opt.new"
fs install -d "${as_root[@]}" -m 0755 "$opt.new"
while IFS= read -r -d '' path; do
  rel=${path#"$from"/}
  if [ -d "$path" ] && [ ! -L "$path" ]; then
    fs install -d "${as_root[@]}" -m 0755 "$opt.new/$rel"
  elif [ -f "$path" ] && [ ! -L "$path" ]; then
    mode=0644
    if is_program "$path"; then mode=0755; fi
    fs install "${as_root[@]}" -m "$mode" "$path" "$opt.new/$rel"
  else
    echo "install.sh: '$path' in the build is neither a plain file nor a directory; not installing it" >&2
    exit 1
  fi
done < <(find "$from" -mindepth 1 -print0 | sort -z)
fs rm -rf "$opt"
fs mv "$opt.new" "$opt"

# Settings may hold the broker password: root-owned, readable by the service's group only (0640).
fs install -d "${as_root[@]}" -m 0755 "$etc"
if [ -e "$etc/appsettings.json" ]; then
  echo "keeping $etc/appsettings.json (the new defaults are in $opt/appsettings.json)"
  fs chown root:root "$etc/appsettings.json"
  fs chmod 0640 "$etc/appsettings.json"
else
  fs install "${as_root[@]}" -m 0640 "$here/appsettings.json" "$etc/appsettings.json"
fi
system chgrp "$user" "$etc/appsettings.json"

# Redfish over HTTPS on the rack network: a self-signed certificate for this host and an administrator
# with a random password, each made once (an upgrade keeps them). The password is root's alone; the
# service reads only its slow hash, from an environment file the unit loads.
make_certificate() { # $1: the PEM file to write, certificate and key
  local dir host
  dir=$(mktemp -d)
  host=$(hostname)
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj "/CN=$host" \
    -addext "subjectAltName=DNS:$host,DNS:$host.local,DNS:localhost,IP:127.0.0.1" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
  cat "$dir/cert.pem" "$dir/key.pem" >"$dir/both.pem"
  install "${as_root[@]}" -m 0640 "$dir/both.pem" "$1"
  rm -rf "$dir"
}
make_administrator() { # $1: the password file (root only), $2: the environment file for the unit
  local password hash dir
  password=$(openssl rand -base64 18)
  hash=$(printf '%s\n' "$password" | "$opt/pichassis-controller" --hash-password)
  dir=$(mktemp -d)
  printf '%s\n' "$password" >"$dir/password"
  install "${as_root[@]}" -m 0600 "$dir/password" "$1"
  {
    echo "# Made by install.sh: Redfish on every address, HTTPS, one administrator (password in $redfish_password_at)."
    echo "PICHASSIS_Redfish__Enabled=true"
    echo "PICHASSIS_Redfish__Address=0.0.0.0"
    echo "PICHASSIS_Redfish__CertificatePath=$redfish_pem_at"
    echo "PICHASSIS_Redfish__Accounts__0__UserName=admin"
    echo "PICHASSIS_Redfish__Accounts__0__Role=Administrator"
    echo "PICHASSIS_Redfish__Accounts__0__PasswordHash='$hash'"
  } >"$dir/env"
  install "${as_root[@]}" -m 0640 "$dir/env" "$2"
  rm -rf "$dir"
}
# Where the service finds them, whatever --root is.
redfish_pem_at=/etc/pichassis/redfish.pem
redfish_password_at=/etc/pichassis/redfish-admin.password
if [ -e "$etc/redfish.env" ]; then
  echo "keeping the Redfish certificate and administrator ($etc/redfish.env)"
else
  fs make_certificate "$etc/redfish.pem"
  fs make_administrator "$etc/redfish-admin.password" "$etc/redfish.env"
fi
# The unit allows loopback only; Redfish's clients (MAAS, Ironic) are on the rack's private network.
fs install -d "${as_root[@]}" -m 0755 "$unit.d"
fs install "${as_root[@]}" -m 0644 "$here/systemd/rack-network.conf" "$unit.d/rack-network.conf"
system chgrp "$user" "$etc/redfish.pem" "$etc/redfish.env"

fs install -d "${as_root[@]}" -m 0755 "$(dirname "$unit")"
fs install "${as_root[@]}" -m 0644 "$here/systemd/pichassis.service" "$unit"

# I2C: raspi-config switches the interface on (0 means enable); elsewhere, load the module.
if [ -n "$root" ] || [ ! -e /dev/i2c-1 ]; then
  if command -v raspi-config >/dev/null 2>&1 || [ -n "$root" ] || $dry_run; then
    system raspi-config nonint do_i2c 0
  else
    echo "warning: /dev/i2c-1 is missing and raspi-config is not here: enable I2C (dtparam=i2c_arm=on) and load i2c-dev" >&2
  fi
fi

system systemctl daemon-reload
system systemctl enable pichassis.service
if $start; then
  system systemctl restart pichassis.service
fi

echo "PiChassis installed. Settings: /etc/pichassis/appsettings.json; logs: journalctl -u pichassis -f"
echo "Redfish: https://$(hostname):8443/redfish/v1 as admin, password in $redfish_password_at (root only);"
echo "  the certificate is self-signed: $redfish_pem_at"

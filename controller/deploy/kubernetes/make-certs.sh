#!/usr/bin/env bash
# Makes the certificates for the autoscaler's mutual TLS: a private CA, the controller's server
# certificate for its host name and address, and the cluster-autoscaler's client certificate. The CA's
# key is thrown away once both are signed (run again with --force to replace them all).
#   sudo make-certs.sh pi-chassis 192.168.1.10            # into /etc/pichassis/autoscaler
#   make-certs.sh --out DIR pi-chassis 192.168.1.10 [NAME|IP ...]
# Writes ca.pem, server.pem (0644), server-key.pem (0640, group pichassis: the controller reads it) and
# client/tls.crt, client/tls.key (0600) and client/ca.crt, then prints the kubectl command that turns
# the client side into the secret cluster-autoscaler.yaml mounts.
set -euo pipefail

out=/etc/pichassis/autoscaler
days=3650
force=false
names=()

usage() { sed -n '2,10s/^# \{0,1\}//p' "$0"; echo "Options: --out DIR, --days N (default 3650), --force"; }
fail_usage() { echo "make-certs.sh: $1" >&2; usage >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] && [ -n "$2" ] || fail_usage "--out needs a directory"; out=$2; shift 2 ;;
    --days) [ $# -ge 2 ] || fail_usage "--days needs a number"; days=$2; shift 2 ;;
    --force) force=true; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) fail_usage "unknown option '$1'" ;;
    *) names+=("$1"); shift ;;
  esac
done

case "$days" in ''|*[!0-9]*|0) fail_usage "--days '$days' is not a whole number of days above 0" ;; esac
[ ${#names[@]} -ge 2 ] || fail_usage "give the controller's host name and its IP address"

is_ip() { # IPv4 with each part 0-255, or IPv6 (hex groups and colons)
  local IFS=. part parts
  if [[ $1 =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    read -ra parts <<<"$1"
    for part in "${parts[@]}"; do [ "$((10#$part))" -le 255 ] || return 1; done
    return 0
  fi
  [[ $1 =~ ^[0-9A-Fa-f:]+$ && $1 == *:*:* ]]
}
is_host() { [[ $1 =~ ^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$ ]] && [ ${#1} -le 253 ]; }

host=${names[0]}
is_host "$host" && ! is_ip "$host" || fail_usage "'$host' is not a host name (the first name is the controller's host name)"
is_ip "${names[1]}" || fail_usage "'${names[1]}' is not an IP address (the second is the controller's address)"
san=()
for name in "${names[@]}"; do
  if is_ip "$name"; then san+=("IP:$name")
  elif is_host "$name"; then san+=("DNS:$name")
  else fail_usage "'$name' is neither a host name nor an IP address"; fi
done

if [ -e "$out/ca.pem" ] && ! $force; then
  echo "make-certs.sh: $out already holds certificates; --force replaces them (and the autoscaler's secret must be made again)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
serial() { echo "0x$(openssl rand -hex 16)"; }

openssl req -x509 "${ec[@]}" -days "$days" -subj "/CN=PiChassis autoscaler CA" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$work/ca-key.pem" -out "$work/ca.pem" 2>/dev/null

sign() { # $1: name, $2: subject, $3: extensions
  openssl req -new "${ec[@]}" -subj "$2" -keyout "$work/$1-key.pem" -out "$work/$1.csr" 2>/dev/null
  printf '%s\n' "$3" >"$work/$1.ext"
  openssl x509 -req -in "$work/$1.csr" -CA "$work/ca.pem" -CAkey "$work/ca-key.pem" -set_serial "$(serial)" \
    -days "$days" -extfile "$work/$1.ext" -out "$work/$1.pem" 2>/dev/null
}
sign server "/CN=$host" "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$(IFS=,; echo "${san[*]}")"
sign client "/CN=cluster-autoscaler" "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"

install -d -m 0755 "$out"
install -d -m 0700 "$out/client"
install -m 0644 "$work/ca.pem" "$out/ca.pem"
install -m 0644 "$work/server.pem" "$out/server.pem"
install -m 0640 "$work/server-key.pem" "$out/server-key.pem"
install -m 0644 "$work/client.pem" "$out/client/tls.crt"
install -m 0600 "$work/client-key.pem" "$out/client/tls.key"
install -m 0644 "$work/ca.pem" "$out/client/ca.crt"
# The controller runs as pichassis and reads its key through the group, as install.sh does for secrets.
if [ "$(id -u)" -eq 0 ] && getent group pichassis >/dev/null; then
  chown root:pichassis "$out/server-key.pem"
else
  echo "note: make $out/server-key.pem group pichassis (chgrp pichassis, as root) so the controller can read it" >&2
fi

cat <<DONE
Certificates in $out (CA: CN=PiChassis autoscaler CA; server: ${san[*]}).
Controller settings (/etc/pichassis/appsettings.json):
  "Autoscaler": { "Enabled": true, "Address": "0.0.0.0",
    "CertificatePath": "$out/server.pem", "KeyPath": "$out/server-key.pem", "ClientCaPath": "$out/ca.pem" }
The autoscaler's side, where kubectl reaches the cluster (then delete $out/client):
  kubectl -n kube-system create secret generic pichassis-autoscaler-client \\
    --from-file=tls.crt=$out/client/tls.crt --from-file=tls.key=$out/client/tls.key --from-file=ca.crt=$out/client/ca.crt
DONE

#!/bin/sh
# Prints the k3s agent settings that tie a Pi's Kubernetes node to its chassis slot: the kubelet's
# provider ID pichassis://<chassis>/<slot> (how the autoscaler's calls name the slot), the node name
# the controller knows, and the group label its template node carries. Append the output to
# /etc/rancher/k3s/config.yaml on that Pi (with its server and token lines) and restart k3s-agent.
#   k3s-agent-config.sh rack1 3 node03 workers [KEY=VALUE ...]   # extra node labels, also in the group's Labels
set -eu

usage() { sed -n '2,7s/^# \{0,1\}//p' "$0"; }
fail() { echo "k3s-agent-config.sh: $1" >&2; usage >&2; exit 2; }

[ $# -ge 4 ] || fail "give the chassis id, the slot number, the node name and the node group"
chassis=$1 slot=$2 node=$3 group=$4
shift 4

# The same rules as the controller's: chassis ids as in topics, node names as host names.
case "$chassis" in ''|*[!a-z0-9-]*) fail "'$chassis' is not a chassis id ([a-z0-9-])" ;; esac
[ ${#chassis} -le 32 ] || fail "chassis id '$chassis' is longer than 32"
case "$slot" in ''|0*|*[!0-9]*) fail "'$slot' is not a slot number (1-16, no leading zero)" ;; esac
[ "$slot" -ge 1 ] && [ "$slot" -le 16 ] || fail "'$slot' is not a slot number (1-16)"
case "$node" in ''|[!A-Za-z0-9]*|*[!A-Za-z0-9._-]*) fail "'$node' is not a node name" ;; esac
[ ${#node} -le 63 ] || fail "node name '$node' is longer than 63"
# A label value: up to 63 letters, digits, '-', '_', '.', starting and ending with a letter or digit.
case "$group" in ''|[!A-Za-z0-9]*|*[!A-Za-z0-9._-]*|*[!A-Za-z0-9]) fail "'$group' is not a node group name (a label value)" ;; esac
[ ${#group} -le 63 ] || fail "node group '$group' is longer than 63"
for label in "$@"; do
  case "$label" in *=*) ;; *) fail "'$label' is not KEY=VALUE" ;; esac
  case "$label" in *[!A-Za-z0-9./_=-]*) fail "'$label' holds a character a node label cannot" ;; esac
done

echo "# PiChassis: chassis $chassis, slot $slot (k3s-agent-config.sh)"
echo "node-name: $node"
echo "kubelet-arg:"
echo "  - \"provider-id=pichassis://$chassis/$slot\""
echo "node-label:"
echo "  - \"pichassis.io/node-group=$group\""
for label in "$@"; do
  echo "  - \"$label\""
done

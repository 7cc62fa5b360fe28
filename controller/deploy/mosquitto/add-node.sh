#!/bin/sh
# Gives compute nodes their broker rights in a PiChassis ACL: for each node, a user of its own name
# that may write only its own heartbeat and status and read only its own command topic, and the
# right of its chassis' controller (chassis-<cid>) to send it commands. A node already in the file
# is moved (a board that went to another chassis): its old block is replaced.
#   add-node.sh /etc/mosquitto/pichassis.acl rack1 node01 node02
# Then give each node a password (mosquitto_passwd /etc/mosquitto/pichassis.passwd node01) and
# reload Mosquitto (systemctl reload mosquitto), which rereads the ACL.
set -eu

usage() { sed -n '2,8s/^# \{0,1\}//p' "$0"; }

if [ $# -lt 3 ]; then usage >&2; exit 2; fi
acl=$1 chassis=$2
shift 2

if [ ! -f "$acl" ]; then echo "add-node.sh: no ACL file '$acl'" >&2; exit 1; fi
case "$chassis" in
  nodes|clients|*[!a-z0-9-]*|'') echo "add-node.sh: '$chassis' is not a chassis id ([a-z0-9-], not nodes or clients)" >&2; exit 2 ;;
esac
if [ ${#chassis} -gt 32 ]; then echo "add-node.sh: chassis id '$chassis' is longer than 32" >&2; exit 2; fi

for node in "$@"; do
  # A node named like a role would extend that role's user block; request, response and slot would
  # be matched by the "+" chassis level of the other roles' lines.
  case "$node" in
    ''|[!A-Za-z0-9]*|*[!A-Za-z0-9._-]*) echo "add-node.sh: node name '$node' is not a node name (a letter or digit, then letters, digits, '.', '_', '-')" >&2; exit 2 ;;
    slurm|dashboard|homeassistant|chassis-*|request|response|slot)
      echo "add-node.sh: node name '$node' is reserved (a role's user or a topic level)" >&2; exit 2 ;;
  esac
  if [ ${#node} -gt 63 ]; then echo "add-node.sh: node name '$node' is longer than 63" >&2; exit 2; fi
done

new=$(mktemp)
trap 'rm -f "$new"' EXIT
cp "$acl" "$new"
for node in "$@"; do
  awk -v begin="# node $node of chassis " -v end="# end of node $node" '
    index($0, begin) == 1 { skipping = 1 }
    !skipping { print }
    skipping && $0 == end { skipping = 0 }' "$new" > "$new.next"
  mv "$new.next" "$new"
  cat >> "$new" <<BLOCK
# node $node of chassis $chassis (add-node.sh)
user $node
topic write pichassis/nodes/$node/heartbeat
topic write pichassis/nodes/$node/announce
topic write pichassis/nodes/$node/status
topic read pichassis/nodes/$node/cmd
user chassis-$chassis
topic write pichassis/nodes/$node/cmd
# end of node $node
BLOCK
  echo "node $node: user $node, commands from chassis-$chassis"
done
# Written in place, so the file keeps its owner and mode.
cat "$new" > "$acl"

# shellcheck shell=sh
# Shared by the Slurm power-saving scripts (sourced, not run). Slurm drops their output, so
# everything goes to a log file. Environment, for tests and unusual installs:
#   PICHASSIS_CLI        the CLI command (default: pichassis)
#   PICHASSIS_SLURM_LOG  the log file (default: /var/log/pichassis/slurm.log)
# The broker comes from /etc/pichassis/cli.json or PICHASSIS_MQTT_* as for the CLI itself.

PICHASSIS_CLI=${PICHASSIS_CLI:-pichassis}
PICHASSIS_SLURM_LOG=${PICHASSIS_SLURM_LOG:-/var/log/pichassis/slurm.log}
mkdir -p "$(dirname "$PICHASSIS_SLURM_LOG")" 2>/dev/null

log() {
    printf '%s %s[%s]: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$SCRIPT" "$$" "$*" >> "$PICHASSIS_SLURM_LOG"
}

# Runs the CLI with its output in the log; returns its exit code (0 done, 1 failed, 2 unknown node,
# 3 broker unreachable, 4 controller offline or silent, 5 refused: locked, fault, budget).
pichassis_run() {
    log "pichassis $*"
    # PICHASSIS_CLI may be several words (e.g. "dotnet /opt/pichassis/pichassis.dll"): split on purpose.
    # shellcheck disable=SC2086
    $PICHASSIS_CLI "$@" --source slurm >> "$PICHASSIS_SLURM_LOG" 2>&1
    rc=$?
    log "exit $rc"
    return $rc
}

# Slurm passes exactly one argument: the nodes as a hostlist expression (node[01-04,07]).
need_hostlist() {
    if [ $# -ne 1 ] || [ -z "$1" ]; then
        log "usage: $SCRIPT <hostlist> (got $# arguments)"
        exit 2
    fi
}

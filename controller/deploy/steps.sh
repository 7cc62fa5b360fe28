# shellcheck shell=bash disable=SC2154
# Shared by install.sh and uninstall.sh (sourced, not run): how a step is carried out.
# Needs $dry_run (true|false) and $root (empty for the real system).

# Files go under --root; with --dry-run a step is only shown.
fs() {
  echo "+ $*"
  if ! $dry_run; then "$@"; fi
}

# Commands that change the running system only run on the real root.
system() {
  if $dry_run; then
    echo "+ $*"
  elif [ -n "$root" ]; then
    echo "skip (--root): $*"
  else
    echo "+ $*"
    "$@"
  fi
}

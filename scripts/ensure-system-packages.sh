#!/usr/bin/env bash
# Make sure the system packages the test suite needs are present, installing them when possible.
#
#   scripts/ensure-system-packages.sh postgresql chromium
#   scripts/ensure-system-packages.sh wrk        (the API benchmark's load generator)
#
# Idempotent: something already present is left alone. Something absent is installed with
# apt-get when running as root (one line per thing installed, otherwise quiet).
# Exit status: 0 everything present, 3 something absent that cannot be installed here
# (not root, or no apt-get), 1 installation failed, 2 bad usage.
set -euo pipefail

known="postgresql chromium wrk"

usage() {
    echo "usage: $0 WHAT... (WHAT is one of: $known)" >&2
    exit 2
}

# Is WHAT already on this machine?
present() {
    case "$1" in
        postgresql) compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null ;;
        chromium) [[ -x /usr/bin/chromium ]] ;;
        wrk) command -v wrk >/dev/null ;;
    esac
}

# The Debian packages that provide WHAT.
debian_packages() {
    case "$1" in
        postgresql) echo postgresql ;;
        # The fonts let CJK and Arabic text render in screenshots.
        chromium) echo chromium fonts-noto-core fonts-noto-cjk ;;
        wrk) echo wrk ;;
    esac
}

(($# > 0)) || usage
for what in "$@"; do
    [[ " $known " == *" $what "* ]] || usage
done

can_install=0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    can_install=1
fi

log=""
cleanup() { [[ -z $log ]] || rm -f "$log"; }
trap cleanup EXIT

# Run a command with its output captured; show the output only if it fails.
quietly() {
    if ! "$@" >"$log" 2>&1 </dev/null; then
        cat "$log" >&2
        echo "$(basename "$0"): failed: $*" >&2
        exit 1
    fi
}

updated=0
missing=()
missing_packages=()
for what in "$@"; do
    present "$what" && continue
    read -ra packages <<<"$(debian_packages "$what")"
    if ((!can_install)); then
        missing+=("$what")
        missing_packages+=("${packages[@]}")
        continue
    fi
    [[ -n $log ]] || log=$(mktemp)
    if ((!updated)); then
        quietly apt-get update -q
        updated=1
    fi
    quietly env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${packages[@]}"
    if ! present "$what"; then
        echo "$(basename "$0"): installed ${packages[*]} but $what is still not found" >&2
        exit 1
    fi
    echo "Installed $what (${packages[*]})"
done

if ((${#missing[@]})); then
    echo "Missing: ${missing[*]}. Install as root with:" \
        "apt-get install --no-install-recommends ${missing_packages[*]}" >&2
    exit 3
fi

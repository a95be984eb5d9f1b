#!/usr/bin/env bash
# Installs the Debian packages listed in debian-packages.txt that are missing:
# directly when root, through sudo when that works without a prompt, and otherwise
# prints the exact apt command and fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mapfile -t wanted < <(grep -v '^\s*#' "$here/debian-packages.txt" | grep -v '^\s*$')

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "bootstrap: not a Debian/Ubuntu system; install the equivalents of: ${wanted[*]}" >&2
    exit 0
fi

missing=()
for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
# python3-venv is only needed when the interpreter lacks ensurepip (Debian's system python).
if python3 -c 'import ensurepip' >/dev/null 2>&1; then
    missing=("${missing[@]/python3-venv}")
fi
read -r -a missing <<< "${missing[*]}"
[[ ${#missing[@]} -eq 0 ]] && exit 0

cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && "${cmd[@]}"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive "${cmd[@]}"
else
    echo "bootstrap: cannot install system packages (not root, no passwordless sudo). Run:" >&2
    echo "    sudo apt-get update && sudo ${cmd[*]}" >&2
    exit 1
fi

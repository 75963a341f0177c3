#!/usr/bin/env bash
# Runs the README's Quick start commands on a fresh, minimal Debian 12 root: debootstrap (from the
# Debian package registry) builds the root in a folder, a clean `git archive` of HEAD is copied into
# it, and `scripts/setup.sh test` (then `scripts/setup.sh run`) runs there as a new user's machine
# would, installing everything it needs with apt-get. Needs root (chroot, mounts) and the network to
# Debian's registry. Exit status: that of the commands; the closing lines are the test runner's.
#   scripts/check_fresh_machine.sh [ROOT_DIR]      (default: a new folder under /var/tmp)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=${1:-$(mktemp -d /var/tmp/dcsim-fresh.XXXXXX)}
say() { printf 'fresh: %s\n' "$*"; }
[ "$(id -u)" -eq 0 ] || { say "needs root (debootstrap, chroot)"; exit 2; }
command -v debootstrap >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; }
mirror=$(grep -rhoE '^deb(-src)? +\S+' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' | head -1 || true)
if [ -z "$mirror" ]; then
  mirror=$(grep -rhoE '^URIs: +\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | head -1 || true)
fi
[ -n "$mirror" ] || { say "no Debian mirror found in /etc/apt"; exit 2; }
if [ ! -x "$root/bin/bash" ]; then
  say "debootstrap bookworm into $root (mirror from /etc/apt)"
  debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1 ||
    { tail -20 "$root.debootstrap.log"; exit 1; }
fi
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
rm -rf "$root/dcsim" && mkdir -p "$root/dcsim"
git -C "$here" archive HEAD | tar -x -C "$root/dcsim"
mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
say "scripts/setup.sh test in the fresh root"
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin bash -c 'cd /dcsim && bash scripts/setup.sh test'
say "scripts/setup.sh run in the fresh root"
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin bash -c 'cd /dcsim && bash scripts/setup.sh run' | tail -5
say "passed in $root"

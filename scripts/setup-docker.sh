#!/usr/bin/env bash
# Makes a Docker engine and the debian:bookworm-slim base image available to
# codepipeline-local. Idempotent: when both are already there it returns at once.
#
# Used by `npm run setup`, `npm test` (pretest) and CI (`bash .ci/run`, as root,
# on a fresh clone with no stdin, possibly before docker.io is installed).
#
# Environment overrides:
#   CODEPIPELINE_LOCAL_DOCKERD_FLAGS  extra flags for dockerd, tried before the built-in fallbacks
#   CODEPIPELINE_LOCAL_DOCKERD_LOG    where a dockerd we start logs (default /var/log/dockerd-codepipeline-local.log)
#   CODEPIPELINE_LOCAL_DEBIAN_MIRROR  Debian mirror for debootstrap (default http://deb.debian.org/debian)
set -euo pipefail

readonly IMAGE="debian:bookworm-slim"
readonly SUITE="bookworm"
# Not the containers' project label (codepipeline-local=true): containers inherit
# image labels, so that one would make every container of this image "ours" and
# cleanup would remove containers that the project never created.
readonly IMAGE_LABEL="codepipeline-local.base-image=debootstrap"
readonly DOCKERD_LOG="${CODEPIPELINE_LOCAL_DOCKERD_LOG:-/var/log/dockerd-codepipeline-local.log}"
readonly MIRROR="${CODEPIPELINE_LOCAL_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
readonly DOCKERD_WAIT_SECONDS=60
readonly PULL_TIMEOUT_SECONDS=20
readonly LOCK_FILE="/tmp/codepipeline-local-setup.lock"
readonly LOCK_WAIT_SECONDS=900

log() { echo "[setup] $*"; }
die() {
  echo "[setup] ERROR: $*" >&2
  exit 1
}

is_root() { [[ "$(id -u)" == "0" ]]; }
have() { command -v "$1" >/dev/null 2>&1; }

docker_ok() { have docker && timeout 15 docker info >/dev/null 2>&1; }
image_ok() { docker image inspect "$IMAGE" >/dev/null 2>&1; }

apt_install() {
  is_root && have apt-get || return 1
  export DEBIAN_FRONTEND=noninteractive
  local out
  out="$(mktemp /tmp/codepipeline-local-apt.XXXXXX)"
  # A fresh machine may have empty package lists; updating once is cheap next to the install.
  if [[ -z "${APT_UPDATED:-}" ]]; then
    log "apt-get update ..."
    apt-get update -qq </dev/null >"$out" 2>&1 9>&- || { tail -n 20 "$out" >&2; rm -f "$out"; return 1; }
    APT_UPDATED=1
  fi
  log "apt-get install -y $* (this can take a minute) ..."
  # 9>&-: a postinst that starts a daemon must not inherit the setup lock.
  apt-get install -y -qq --no-install-recommends "$@" </dev/null >"$out" 2>&1 9>&- ||
    { tail -n 20 "$out" >&2; rm -f "$out"; return 1; }
  rm -f "$out"
}

# Waits until the daemon answers or the process dies; returns non-zero on death/timeout.
wait_for_dockerd() {
  local pid="$1" waited=0
  while ((waited < DOCKERD_WAIT_SECONDS)); do
    if timeout 5 docker info >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 1
    waited=$((waited + 1))
  done
  return 1
}

stop_our_dockerd() {
  local pid="$1"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
}

readonly DOCKERD_PIDFILE="/var/run/docker.pid"
# dockerd's own containerd; dockerd trusts this pid file just as blindly.
readonly CONTAINERD_PIDFILE="/var/run/docker/containerd/containerd.pid"

pid_in() { tr -dc '0-9' <"$1" 2>/dev/null || true; }

is_live() {
  local pid="$1" comm="$2"
  [[ -n "$pid" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$comm" ]] &&
    ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}

# The daemons refuse to start (or wait for a ghost) while a pid file names any
# process at all. After a kill -9 (CI ends a session's processes) the files stay
# behind naming zombies, or after a reboot recycled pids: remove them unless live.
clear_stale_pidfile() {
  local file="$1" comm="$2" pid
  [[ -f "$file" ]] || return 0
  pid="$(pid_in "$file")"
  is_live "$pid" "$comm" && return 0
  log "removing stale $file (pid ${pid:-?} is not a live $comm)"
  rm -f "$file"
}

# Succeeds only when a dockerd that was already running now answers.
adopt_running_dockerd() {
  local pid
  [[ -f "$DOCKERD_PIDFILE" ]] || return 1
  pid="$(pid_in "$DOCKERD_PIDFILE")"
  is_live "$pid" dockerd || return 1
  log "dockerd (pid $pid) is running but not answering yet; waiting up to ${DOCKERD_WAIT_SECONDS}s ..."
  wait_for_dockerd "$pid" && return 0
  die "dockerd (pid $pid) runs but does not answer 'docker info'; stop it or see $DOCKERD_LOG"
}

# One attempt with the given flags; LAST_ATTEMPT_LOG keeps what it logged.
try_dockerd() {
  local flags="$1" pid first_line
  log "starting dockerd ${flags:-(no extra flags)}; log: $DOCKERD_LOG"
  echo "=== $(date -Is) dockerd $flags" >>"$DOCKERD_LOG"
  first_line="$(wc -l <"$DOCKERD_LOG")"
  # setsid + nohup so the daemon outlives this script and the shell that ran it;
  # 9>&- so it does not inherit the setup lock and hold it for as long as it runs.
  # shellcheck disable=SC2086
  setsid nohup dockerd $flags </dev/null >>"$DOCKERD_LOG" 2>&1 9>&- &
  pid=$!
  if wait_for_dockerd "$pid"; then
    log "dockerd is up (pid $pid)"
    return 0
  fi
  stop_our_dockerd "$pid"
  LAST_ATTEMPT_LOG="$(tail -n "+$((first_line + 1))" "$DOCKERD_LOG")"
  log "dockerd ${flags:-(no extra flags)} did not come up; last log lines:"
  tail -n 5 <<<"$LAST_ATTEMPT_LOG" | sed 's/^/[setup]   /'
  return 1
}

# Only a failure in network setup is worth a retry with less networking; any
# other failure would fail again, and silently losing NAT would hide it.
failed_on_networking() {
  grep -qiE 'iptables|ip6tables|bridge|network controller|nat chain|netlink' <<<"${LAST_ATTEMPT_LOG:-}"
}

start_dockerd() {
  if ! is_root; then
    die "the Docker daemon is not running and only root can start it here. Start it (e.g. 'sudo systemctl start docker', or Docker Desktop), or run this script as root."
  fi
  # A daemon managed by systemd should be started that way, not behind its back.
  if [[ -d /run/systemd/system ]] && have systemctl; then
    log "starting docker via systemctl ..."
    if systemctl start docker 9>&- && wait_for_dockerd "$$"; then return 0; fi
    log "systemctl start docker did not work; starting dockerd by hand"
  fi
  adopt_running_dockerd && return 0
  clear_stale_pidfile "$DOCKERD_PIDFILE" dockerd
  clear_stale_pidfile "$CONTAINERD_PIDFILE" containerd
  mkdir -p "$(dirname "$DOCKERD_LOG")"
  # Sandboxes (VMs without netfilter, nested containers) may refuse iptables or the
  # bridge; each fallback gives up more of it, at the cost of containers' network.
  local attempts=(
    "${CODEPIPELINE_LOCAL_DOCKERD_FLAGS:-}"
    "--iptables=false --ip6tables=false"
    "--iptables=false --ip6tables=false --bridge=none"
  )
  local i
  for i in "${!attempts[@]}"; do
    if try_dockerd "${attempts[$i]}"; then
      ((i == 0)) || log "WARNING: dockerd runs with '${attempts[$i]}': containers may not reach the network"
      return 0
    fi
    failed_on_networking || break
  done
  die "dockerd would not start; see $DOCKERD_LOG"
}

ensure_docker() {
  if docker_ok; then
    return 0
  fi
  if ! have dockerd; then
    if is_root && have apt-get; then
      log "Docker is not installed; installing Debian's docker.io ..."
      apt_install docker.io || die "apt-get install docker.io failed"
    else
      die "Docker is not installed. Install Docker (Debian/Ubuntu: 'apt-get install docker.io' as root; other systems: https://docs.docker.com/engine/install/) and re-run 'npm run setup'."
    fi
  fi
  have docker || die "dockerd is installed but the docker CLI is not; install the docker client (Debian: docker.io)."
  start_dockerd
}

# Builds the base image from Debian's mirror when no registry can be reached.
build_image_with_debootstrap() {
  is_root || die "building $IMAGE with debootstrap needs root; run this script as root or 'docker pull $IMAGE' yourself."
  if ! have debootstrap; then
    apt_install debootstrap || die "could not install debootstrap (apt-get install debootstrap)"
  fi
  local dir
  dir="$(mktemp -d /tmp/codepipeline-local-rootfs.XXXXXX)"
  # Unmount leftovers first: rm -rf across a live /proc mount would be a disaster.
  trap 'umount -l "'"$dir"'/proc" "'"$dir"'/sys" "'"$dir"'/dev/pts" 2>/dev/null || true; rm -rf --one-file-system "'"$dir"'"' EXIT
  log "building $IMAGE with debootstrap from $MIRROR (a minute or more) ..."
  debootstrap --variant=minbase "$SUITE" "$dir" "$MIRROR" >"$dir.log" 2>&1 ||
    { tail -n 20 "$dir.log" >&2; rm -f "$dir.log"; die "debootstrap failed"; }
  rm -f "$dir.log"
  slim_rootfs "$dir"
  log "importing the root filesystem as $IMAGE ..."
  tar -C "$dir" -c . | docker import \
    --change "LABEL $IMAGE_LABEL" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    - "$IMAGE" >/dev/null
  log "imported $IMAGE"
}

# Brings the rootfs closer to the official slim image so containers behave alike.
slim_rootfs() {
  local dir="$1"
  cat >"$dir/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${MIRROR%/debian}/debian-security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  rm -f "$dir/etc/apt/sources.list"
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb
  rm -rf "$dir"/var/log/* "$dir"/tmp/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/*
  : >"$dir/etc/hostname"
}

ensure_image() {
  if image_ok; then
    return 0
  fi
  log "$IMAGE is not present; trying docker pull (${PULL_TIMEOUT_SECONDS}s at most) ..."
  if timeout "$PULL_TIMEOUT_SECONDS" docker pull -q "$IMAGE" >/dev/null 2>&1 && image_ok; then
    log "pulled $IMAGE"
    return 0
  fi
  log "docker pull failed (no registry reachable?)"
  build_image_with_debootstrap
  image_ok || die "$IMAGE is still missing after the build"
}

main() {
  # Fast path: nothing to do, so no lock and no output beyond one line.
  if docker_ok && image_ok; then
    log "Docker is running and $IMAGE is present"
    return 0
  fi
  # Serialise concurrent runs (npm test in two shells, CI + a developer).
  if have flock; then
    exec 9>"$LOCK_FILE"
    flock -w "$LOCK_WAIT_SECONDS" 9 ||
      die "another setup run still holds $LOCK_FILE after ${LOCK_WAIT_SECONDS}s (see: fuser -v $LOCK_FILE)"
  fi
  ensure_docker
  ensure_image
  log "ready: Docker $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?') with $IMAGE"
}

main "$@"

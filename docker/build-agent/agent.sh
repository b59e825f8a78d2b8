# The CodeBuild agent of a build container: one long-lived process per build (and run-as user), started by the
# emulator with one `docker exec -i` and fed the build's sources and commands on its stdin, so neither costs a
# `docker exec` or a `docker cp`. POSIX sh, with `head` (and `tar` for sources) its only tools, as build images may
# have neither bash nor more.
# Usage: sh -c "$(cat agent.sh)" codebuild-agent SCRIPT SRC_DIR
#
# Stdin: first a line holding the TOKEN that marks the agent's own output; then frames, each a line
# `LENGTH KIND ARG` followed by LENGTH bytes:
#   run SHELL   the bytes are a script: written to SCRIPT and run by SHELL from SRC_DIR with stdin closed; its
#               output goes straight to the agent's stdout and stderr
#   untar DIR   the bytes are a tar archive, extracted into DIR (status 127 when the image has no tar)
# Once a frame is done the agent writes NUL TOKEN:STATUS NUL on stdout and on stderr, so each stream tells where
# the frame's output ends. The emulator sends a frame only once the previous one is done, so nothing is in the
# pipe but the frame being read, and `head` cannot read past it however it buffers. Stdin closed ends the agent.
script=$1 src=$2
mask=$(umask)
IFS= read -r token || exit 0

# Writes the frame's LENGTH bytes to a file (umask 0, so a command running as another user can rewrite it);
# when the file cannot be written (the shell said why on stderr), reads and drops them, and fails.
receive() {
  received=
  umask 0
  { received=1; umask "$mask"; head -c "$length" >&3; } 3>"$1"
  umask "$mask"
  [ -n "$received" ] && return 0
  head -c "$length" >/dev/null
  return 1
}

while read -r length kind arg; do
  case $kind in
    run)
      if receive "$script"; then
        cd "$src" 2>/dev/null
        "$arg" "$script" </dev/null
        status=$?
      else
        status=1
      fi
      ;;
    untar)
      mkdir -p "${script%/*}" 2>/dev/null
      if receive "$script.tar"; then
        tar -xf "$script.tar" -C "$arg" </dev/null
        status=$?
        rm -f "$script.tar"
      else
        status=1
      fi
      ;;
    *)
      printf 'unknown frame %s\n' "$kind" >&2
      exit 2
      ;;
  esac
  printf '\000%s:%s\000' "$token" "$status"
  printf '\000%s:%s\000' "$token" "$status" >&2
done

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
# The agent's variables start with cba_: the build's environment is the agent's, and a variable of the build
# named like one of them (status, src) must reach the commands as the build set it.
cba_script=$1 cba_src=$2
cba_mask=$(umask)
IFS= read -r cba_token || exit 0

# Writes the frame's LENGTH bytes to a file (umask 0, so a command running as another user can rewrite it);
# when the file cannot be written (the shell said why on stderr), reads and drops them, and fails.
receive() {
  cba_received=
  umask 0
  { cba_received=1; umask "$cba_mask"; head -c "$cba_length" >&3; } 3>"$1"
  umask "$cba_mask"
  [ -n "$cba_received" ] && return 0
  head -c "$cba_length" >/dev/null
  return 1
}

while read -r cba_length cba_kind cba_arg; do
  case $cba_kind in
    run)
      if receive "$cba_script"; then
        cd "$cba_src" 2>/dev/null
        "$cba_arg" "$cba_script" </dev/null
        cba_status=$?
      else
        cba_status=1
      fi
      ;;
    untar)
      mkdir -p "${cba_script%/*}" 2>/dev/null
      if receive "$cba_script.tar"; then
        tar -xf "$cba_script.tar" -C "$cba_arg" </dev/null
        cba_status=$?
        rm -f "$cba_script.tar"
      else
        cba_status=1
      fi
      ;;
    *)
      printf 'unknown frame %s\n' "$cba_kind" >&2
      exit 2
      ;;
  esac
  printf '\000%s:%s\000' "$cba_token" "$cba_status"
  printf '\000%s:%s\000' "$cba_token" "$cba_status" >&2
done

# The CodeBuild agent of a build container: one long-lived process per build (and run-as user), started by the
# emulator with one `docker exec -i` and fed the build's commands on its stdin, so a command costs no
# `docker exec` of its own. POSIX sh, with `head` its only tool, as build images may have neither bash nor more.
# Usage: sh -c "$(cat agent.sh)" codebuild-agent SCRIPT SRC_DIR
#
# Stdin: first a line holding the TOKEN that marks the agent's own output; then, per command, a line
# `LENGTH SHELL` followed by LENGTH bytes: the script, written to SCRIPT and run by SHELL from SRC_DIR with
# stdin closed. Its output goes straight to the agent's stdout and stderr; once it has exited, the agent writes
# NUL TOKEN:STATUS NUL on both, so each stream tells where the command's output ends. The emulator sends a
# command only once the previous one has ended, so nothing is in the pipe but the frame being read, and `head`
# cannot read past it however it buffers. Stdin closed ends the agent.
script=$1 src=$2
mask=$(umask)
IFS= read -r token || exit 0
while read -r length shell; do
  # The script is written with umask 0, so a command running as another user (run-as) can rewrite it.
  written=
  umask 0
  { written=1; umask "$mask"; head -c "$length" >&3; } 3>"$script"
  umask "$mask"
  if [ -n "$written" ]; then
    cd "$src" 2>/dev/null
    "$shell" "$script" </dev/null
    status=$?
  else
    # The script could not be written (the shell said why on stderr): its bytes are read and dropped.
    head -c "$length" >/dev/null
    status=1
  fi
  printf '\000%s:%s\000' "$token" "$status"
  printf '\000%s:%s\000' "$token" "$status" >&2
done

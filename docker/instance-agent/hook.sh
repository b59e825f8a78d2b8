# Runs one hook script as the CodeDeploy agent does (codedeploy.md §2.3): directly (it needs a shebang),
# or through `su USER -c` for runas; stdin closed; in a process group of its own so that a timeout can
# signal the whole group. Its stdout and stderr go through pipes read line by line, so the agent can tell
# a script that exited from one whose background children still hold its output open.
# Usage: hook.sh SCRIPT_PATH [RUNAS_USER]   (run in a subshell of its own: `exit` ends it)
script=$1 runas=${2:-}

if [ ! -e "$script" ]; then
  printf 'M missing\n'
  exit 0
fi
if [ ! -x "$script" ] && ! chmod +x -- "$script" 2>/dev/null; then
  printf 'M notexec\n'
  exit 0
fi

# The agent execs the file itself, so a file the kernel cannot exec fails as Ruby's spawn reports it
# (`su -c` goes through a shell instead, which reports its own errors).
if [ -z "$runas" ]; then
  first=''
  IFS= read -r first <"$script" || true
  if [ "${first:0:2}" = '#!' ]; then
    interpreter=${first#\#!}
    interpreter=${interpreter#"${interpreter%%[! $'\t']*}"}
    interpreter=${interpreter%%[ $'\t']*}
    if [ -z "$interpreter" ] || [ ! -x "$interpreter" ] || [ -d "$interpreter" ]; then
      printf 'M execerror Errno::ENOENT No such file or directory - %s\n' "$script"
      exit 0
    fi
  elif [ "$(head -c 4 -- "$script" | od -An -tx1 | tr -d ' \n')" != 7f454c46 ]; then
    printf 'M execerror Errno::ENOEXEC Exec format error - %s\n' "$script"
    exit 0
  fi
fi

relay() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do printf '%s%s\n' "$1" "$line"; done
  printf 'M eof %s\n' "$1"
}
# Anonymous pipes to the relays (process substitutions); each end is held only by whom it belongs to, so
# a relay sees its end of file when the script and its children have closed that output.
exec {out}> >(relay O)
out_relay=$!
exec {err}> >(exec {out}>&-; relay E)
err_relay=$!

# Started in the background of a shell without job control, the child is no group leader, so setsid
# makes it one in place: its pid is the group id a timeout signals.
if [ -z "$runas" ]; then
  setsid -- "$script" </dev/null >&"$out" 2>&"$err" {out}>&- {err}>&- &
else
  setsid -- su "$runas" -c "$script" </dev/null >&"$out" 2>&"$err" {out}>&- {err}>&- &
fi
child=$!
exec {out}>&- {err}>&-
printf 'M started %s %s %s %s\n' "$child" "$BASHPID" "$out_relay" "$err_relay"
wait "$child"
printf 'M exited %s\n' "$?"
wait "$out_relay" "$err_relay"
printf 'M closed\n'

# The CodeDeploy agent of an instance: one long-lived process per instance container, started by the
# emulator with one `docker exec -i` and fed commands on its stdin for as long as the emulator runs, so a
# deployment's steps cost no `docker exec` each. Stdin closed (the emulator stopped) ends it.
# Usage: agent.sh PRELUDE NAME SCRIPT [NAME SCRIPT...]   (each script becomes a function cpl_NAME)
#
# Frames on stdin are fields ended by NUL:
#   R ID SCRIPT N ARG... M NAME=VALUE...  runs a script in the background with those arguments and variables;
#                                         its stdout lines pass through, its stderr comes as `S` lines, then `Z ID STATUS`
#   W PATH MODE LENGTH <LENGTH bytes>     appends to (MODE append) or replaces a file, making its folder
#   K ID SIGNAL N PID...                  signals processes (or groups, as -PGID) at once, then `Z ID 0`
# The emulator runs one R at a time, so every line between an R and its Z belongs to it. Every process
# counts on a busy machine: the loop and the scripts use shell built-ins wherever they can.

# Byte counts, not characters, for W; a shell variable only, so scripts keep the instance's locale.
LC_ALL=C
eval "$1"
shift
while [ $# -ge 2 ]; do
  eval "cpl_$1() {
$2
}"
  shift 2
done
errors=/tmp/codedeploy-agent.$$.stderr

field() { IFS= read -r -d '' "$1"; }

# The background job of one R: stderr goes to a file reported on exit, whether the script returns or calls
# `exit`. A hook runs one subshell further down, so that a timeout can kill its wrapper and still get a Z.
run() {
  cpl_id=$1
  local name=$2 line
  shift 2
  for line in "${vars[@]}"; do export "$line"; done
  trap 'cpl_end $?' EXIT
  if [ "$name" = hook ]; then (cpl_hook "$@") 2>"$errors"; else "cpl_$name" "$@" 2>"$errors"; fi
}

cpl_end() {
  local text='' line
  IFS= read -r -d '' text <"$errors"
  if [ -n "$text" ]; then
    while IFS= read -r line; do printf 'S%s\n' "$line"; done <<<"$text"
  fi
  printf 'Z %s %s\n' "$cpl_id" "$1"
}

while field kind; do
  case $kind in
    R)
      field id && field name && field n || break
      args=()
      for ((i = 0; i < n; i++)); do field arg && args+=("$arg"); done
      field n || break
      vars=()
      for ((i = 0; i < n; i++)); do field arg && vars+=("$arg"); done
      run "$id" "$name" "${args[@]}" </dev/null &
      ;;
    W)
      field path && field mode && field n || break
      data=''
      [ "$n" -gt 0 ] && IFS= read -r -N "$n" -d '' data
      [ -d "${path%/*}" ] || mkdir -p -- "${path%/*}" 2>/dev/null
      if [ "$mode" = append ]; then printf '%s' "$data" >>"$path"; else printf '%s' "$data" >"$path"; fi 2>/dev/null
      ;;
    K)
      field id && field signal && field n || break
      pids=()
      for ((i = 0; i < n; i++)); do field arg && pids+=("$arg"); done
      kill -s "$signal" -- "${pids[@]}" 2>/dev/null
      printf 'Z %s 0\n' "$id"
      ;;
    *)
      printf 'unknown frame %s\n' "$kind" >&2
      break
      ;;
  esac
done

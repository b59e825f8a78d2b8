# The CodeDeploy agent of an instance: one long-lived process per instance container, started by the
# emulator with one `docker exec -i` and fed commands on its stdin for as long as the emulator runs, so a
# deployment's steps cost no `docker exec` each. Stdin closed (the emulator stopped) ends it.
# Usage: agent.sh NAME SCRIPT [NAME SCRIPT...]   (the scripts it runs, each with prelude.sh before it)
#
# Frames on stdin are fields ended by NUL:
#   R ID SCRIPT N ARG... M NAME=VALUE...  runs a script in the background with those arguments and variables;
#                                         its stdout lines pass through, its stderr comes as `S` lines, then `Z ID STATUS`
#   W PATH MODE LENGTH <LENGTH bytes>     appends to (MODE append) or replaces a file, making its folder
#   K ID SIGNAL N PID...                  signals processes (or groups, as -PGID) at once, then `Z ID 0`
# The emulator runs one R at a time, so every line between an R and its Z belongs to it.

# Byte counts, not characters, for W; a shell variable only, so scripts keep the instance's locale.
LC_ALL=C
declare -A scripts
while [ $# -ge 2 ]; do
  scripts[$1]=$2
  shift 2
done

field() { IFS= read -r -d '' "$1"; }

# The script runs in a child bash of its own (its `exit` and `$$` are its own); stderr is captured by the
# substitution while stdout goes straight out through fd 3.
run() {
  local id=$1 name=$2 status err line
  shift 2
  for line in "${vars[@]}"; do export "$line"; done
  { err=$(bash -c "${scripts[$name]}" "codedeploy-agent-$name" "$@" 2>&1 1>&3 3>&-); } 3>&1
  status=$?
  if [ -n "$err" ]; then
    while IFS= read -r line; do printf 'S%s\n' "$line"; done <<<"$err"
  fi
  printf 'Z %s %s\n' "$id" "$status"
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
      printf 'S unknown frame %s\n' "$kind" >&2
      break
      ;;
  esac
done

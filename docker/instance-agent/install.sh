# The Install event's files part, as the agent's Installer does it (codedeploy.md §1.4): removes what the
# group's previous Install left, decides every step of the plan against the disk (file_exists_behavior),
# then makes folders and copies files, recording each in the cleanup file as it goes.
# Usage: install.sh PLAN CLEANUP_FILE BEHAVIOR [PERMISSION_OBJECT...]
# PLAN holds NUL-terminated records: `D` PATH (a folder to make when absent) and `F` SOURCE DESTINATION.
plan=$1 cleanup=$2 behavior=$3
shift 3

fail() {
  printf 'M error %s\n' "$1"
  exit 0
}

if [ -f "$cleanup" ]; then
  mapfile -t previous <"$cleanup"
  # An unfinished last line (the agent stopped mid-write) names nothing reliable: the agent drops it.
  [ -n "$(tail -c 1 -- "$cleanup")" ] && unset 'previous[-1]'
  for ((i = ${#previous[@]} - 1; i >= 0; i--)); do
    path=${previous[i]}
    if [ -L "$path" ]; then
      rm -f -- "$path"
    elif [ -d "$path" ]; then
      rmdir -- "$path" 2>/dev/null
    elif [ -e "$path" ]; then
      rm -f -- "$path"
    fi
  done
  rm -f -- "$cleanup"
fi

kinds=() firsts=() seconds=()
while IFS= read -r -d '' kind; do
  IFS= read -r -d '' first
  second=''
  [ "$kind" = F ] && IFS= read -r -d '' second
  kinds+=("$kind") firsts+=("$first") seconds+=("$second")
done <"$plan"

actions=()
for i in "${!kinds[@]}"; do
  if [ "${kinds[i]}" = D ]; then
    if [ -d "${firsts[i]}" ]; then actions+=(skip); else actions+=(mkdir); fi
    continue
  fi
  target=${seconds[i]}
  if [ -e "$target" ] || [ -L "$target" ]; then
    case $behavior in
      OVERWRITE) actions+=(copy) ;;
      RETAIN) actions+=(skip) ;;
      *) fail "The deployment failed because a specified file already exists at this location: $target" ;;
    esac
  else
    actions+=(copy)
  fi
done

mkdir -p -- "$(dirname -- "$cleanup")"
: >"$cleanup"
for i in "${!actions[@]}"; do
  case ${actions[i]} in
    mkdir)
      path=${firsts[i]}
      [ -e "$path" ] && fail "The deployment failed because a specified file already exists at this location: $path."
      error=$(mkdir -- "$path" 2>&1) || fail "$error"
      printf '%s\n' "$path" >>"$cleanup"
      printf 'M mkdir %s\n' "$i"
      ;;
    copy)
      source=${firsts[i]} target=${seconds[i]}
      printf '%s\n' "$target" >>"$cleanup"
      if [ -L "$source" ]; then
        error=$(ln -sfn -- "$(readlink -- "$source")" "$target" 2>&1) || fail "$error"
      else
        error=$(cp -p --remove-destination -T -- "$source" "$target" 2>&1) || fail "$error"
      fi
      printf 'M copy %s\n' "$i"
      ;;
  esac
done

index=0
for object in "$@"; do
  [ -d "$object" ] && printf 'M isdir %s\n' "$index"
  index=$((index + 1))
done
printf 'M done\n'

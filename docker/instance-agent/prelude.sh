# Functions every agent script may use (agent.sh defines them once, at its start).

# The agent's archive retention (command_executor.rb cleanup_old_archives): besides the current deployment,
# a group keeps MAX_REVISIONS - 1 deployment folders, the oldest going first, never the last successful one.
# Usage: cpl_retain GROUP_DIR CURRENT_DIR LAST_SUCCESSFUL_DIR MAX_REVISIONS
cpl_retain() {
  [ -d "$1" ] || return 0
  local name others=() candidates=() i extra
  while IFS= read -r name; do
    [ "$1/$name" = "$2" ] && continue
    others+=("$name")
    [ "$1/$name" = "$3" ] || candidates+=("$name")
  done < <(ls -1tr -- "$1")
  extra=$((${#others[@]} - $4 + 1))
  for ((i = 0; i < extra && i < ${#candidates[@]}; i++)); do rm -rf -- "${1:?}/${candidates[i]}"; done
}

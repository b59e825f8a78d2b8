# Prelude of every agent script: writes the files handed over in CPL_WRITE_<n>_PATH / _MODE (append or
# replace) / _DATA, in order, then unsets them so a hook script never sees them. Shell built-ins only where
# possible: every fork counts when a deployment runs a few of these.
cpl_flush_writes() {
  local i=0 p m d
  while :; do
    p="CPL_WRITE_${i}_PATH" m="CPL_WRITE_${i}_MODE" d="CPL_WRITE_${i}_DATA"
    [ -n "${!p+x}" ] || break
    [ -d "${!p%/*}" ] || mkdir -p -- "${!p%/*}"
    if [ "${!m}" = append ]; then printf '%s' "${!d}" >>"${!p}"; else printf '%s' "${!d}" >"${!p}"; fi
    unset "$p" "$m" "$d"
    i=$((i + 1))
  done
}
cpl_flush_writes

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

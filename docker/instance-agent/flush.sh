# Applies the archive retention, after a deployment's last writes (W frames, see agent.sh).
# Usage: flush.sh GROUP_DIR CURRENT_DIR LAST_SUCCESSFUL_DIR MAX_REVISIONS
[ $# -eq 4 ] && cpl_retain "$1" "$2" "$3" "$4"
printf 'M done\n'

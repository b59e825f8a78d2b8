# Writes the pending files (see prelude.sh); with arguments, also applies the archive retention.
# Usage: flush.sh [GROUP_DIR CURRENT_DIR LAST_SUCCESSFUL_DIR MAX_REVISIONS]
[ $# -eq 4 ] && cpl_retain "$1" "$2" "$3" "$4"
printf 'M done\n'

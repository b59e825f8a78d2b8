# The Install event's permissions part: applies the agent's chmod, setfacl, semanage and chown
# instructions in order, stopping at the first that fails, with the agent's message.
# Usage: permissions.sh RECORD..., each record being one of
#   chmod MODE PATH | setfacl ACL PATH | semanage USER TYPE RANGE PATH | chown OWNER GROUP PATH
fail() {
  printf 'M error %s\n' "$1"
  exit 0
}

context_error() {
  fail "The deployment failed because the application specification file contains an error in the settings for the context parameter. Update the permissions section of the AppSpec file, and then try again. Failed command: $1. Exit code: $2"
}

while [ $# -gt 0 ]; do
  case $1 in
    chmod)
      error=$(chmod -- "$2" "$3" 2>&1) || fail "$error"
      shift 3
      ;;
    setfacl)
      setfacl -m "$2" -- "$3" >/dev/null 2>&1 ||
        fail "The deployment failed because of a problem with the acls permission settings in the application specification file for this object: $3. Failed command: setfacl --set $2 $3. Exit code: $?"
      shift 3
      ;;
    semanage)
      args="-t $3"
      [ -n "$2" ] && args="-s $2 $args"
      [ -n "$4" ] && args="$args -r $4"
      # shellcheck disable=SC2086
      semanage fcontext -a $args "$5" >/dev/null 2>&1 || context_error "semanage fcontext -a $args $5" "$?"
      restorecon -v "$5" >/dev/null 2>&1 || context_error "restorecon -v $5" "$?"
      shift 5
      ;;
    chown)
      [ -z "$2" ] || id -u -- "$2" >/dev/null 2>&1 || fail "can't find user for $2"
      [ -z "$3" ] || getent group "$3" >/dev/null 2>&1 || fail "can't find group for $3"
      spec=$2
      [ -n "$3" ] && spec="$2:$3"
      error=$(chown -h -- "$spec" "$4" 2>&1) || fail "$error"
      shift 4
      ;;
    *)
      fail "unknown permission instruction: $1"
      ;;
  esac
done
printf 'M done\n'

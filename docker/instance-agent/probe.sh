# Reads what ApplicationStop needs: the group's last successful install and its appspec.
# Usage: probe.sh LAST_SUCCESSFUL_INSTALL_FILE
last=''
[ -f "$1" ] && last=$(<"$1")

if [ -n "$last" ] && [ -d "$last/deployment-archive" ]; then
  printf 'M last %s\n' "$last"
  for name in appspec.yml appspec.yaml; do
    if [ -f "$last/deployment-archive/$name" ]; then
      printf 'M appspec %s %s\n' "$name" "$(base64 -w0 -- "$last/deployment-archive/$name")"
      break
    fi
  done
fi
printf 'M done\n'

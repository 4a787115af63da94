# Keycloak for the benchmarks, sourced by bench/run.sh and bench/imports.sh: the distribution the
# build unpacks into target/keycloak, importing the realm, in memory. Needs ROOT, WORK,
# KEYCLOAK_PORT, KEYCLOAK_MANAGEMENT_PORT and a log function.
KEYCLOAK_PID=
start_keycloak() {
  [ -n "$KEYCLOAK_PID" ] && return
  local home
  home=$(ls -d "$ROOT"/target/keycloak/keycloak-*/ | head -1)
  mkdir -p "$home/data/import"
  cp "$ROOT/keycloak/terpadu-realm.json" "$home/data/import/"
  log "starting Keycloak on port $KEYCLOAK_PORT"
  "$home/bin/kc.sh" start-dev --import-realm --db=dev-mem --http-port="$KEYCLOAK_PORT" \
    --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" --hostname-strict=false --cache=local > "$WORK/keycloak.log" 2>&1 &
  KEYCLOAK_PID=$!
  until curl -sf "http://localhost:$KEYCLOAK_PORT/realms/terpadu" >/dev/null 2>&1; do
    kill -0 "$KEYCLOAK_PID" 2>/dev/null || { echo "Keycloak stopped; see $WORK/keycloak.log" >&2; exit 1; }
    sleep 2
  done
}
stop_keycloak() {
  if [ -n "$KEYCLOAK_PID" ]; then
    pkill -P "$KEYCLOAK_PID" 2>/dev/null || true
    kill "$KEYCLOAK_PID" 2>/dev/null || true
  fi
  KEYCLOAK_PID=
}

# Sourced by run.sh: starts one code-server on 127.0.0.1 (port picked by the OS) in its own process group,
# with a fresh user-data / extensions folder under $RUN, and a trap that stops the whole group on exit.
# Needs env.sh sourced and $RUN set. Exports CS_PORT, CS_PID.
mkdir -p "$RUN/ud/User" "$RUN/exts" "$RUN/logs"
cp "$ROOT/test/e2e/settings.json" "$RUN/ud/User/settings.json"
setsid "$CS_BIN" --bind-addr 127.0.0.1:0 --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --disable-proxy --ignore-last-opened \
  --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" "$RUN/ws" > "$RUN/logs/code-server.log" 2>&1 &
CS_PID=$!
echo "$CS_PID" > "$RUN/code-server.pid"

# Never fails by itself (the caller's exit status stands), whatever is left of the group.
stop_server() {
  [ -n "${CS_PID:-}" ] || return 0
  kill -TERM -- "-$CS_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$CS_PID" 2>/dev/null || true
  wait "$CS_PID" 2>/dev/null || true
  rm -f "$RUN/code-server.pid"
  CS_PID=
  return 0
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

CS_PORT=
for _ in $(seq 300); do
  CS_PORT=$(sed -n 's|.*HTTP server listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$RUN/logs/code-server.log")
  [ -n "$CS_PORT" ] && curl -sf -o /dev/null "http://127.0.0.1:$CS_PORT/healthz" && break
  kill -0 "$CS_PID" 2>/dev/null || { echo "code-server exited:"; cat "$RUN/logs/code-server.log"; exit 1; }
  CS_PORT=
  sleep 0.1
done
[ -n "$CS_PORT" ] || { echo "code-server did not answer within 30 s:"; cat "$RUN/logs/code-server.log"; exit 1; }
export CS_PORT CS_PID RUN

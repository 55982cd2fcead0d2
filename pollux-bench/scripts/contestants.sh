# How the load harnesses start and stop each contestant, and drive it with wrk: sourced by
# bin/bench and bin/bench-syscalls, so that both measure the very same servers.
#
# The caller sets: here (bin/), scripts (this directory), work (a private temporary directory),
# PORT, SERVER_CPU, CLIENT_CPU, JVM_FLAGS, JAVA_HOME, classpath (pollux-bench's), pollux_jar; and
# calls stop_server from its EXIT trap. Everything listens on 127.0.0.1 only.
# shellcheck shell=bash

server_pid=""
TLS_PASSWORD=pollux-bench
TLS_KEYSTORE=""

# Stops the running server (and its children: nginx's worker), politely then by force; bounded.
stop_server() {
  [ -n "$server_pid" ] || return 0
  local pid=$server_pid children i
  server_pid=""
  children=$(pgrep -P "$pid" || true)
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" $children 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# make_keystore: one self-signed certificate (EC P-256, for 127.0.0.1 and localhost) per run, in
# $work/tls.p12, the key of every HTTPS contestant; sets TLS_KEYSTORE.
make_keystore() {
  [ -z "$TLS_KEYSTORE" ] || return 0
  timeout 60 "$JAVA_HOME/bin/keytool" -genkeypair -alias bench -keyalg EC -groupname secp256r1 \
    -validity 2 -dname CN=localhost -ext SAN=ip:127.0.0.1,dns:localhost -storetype PKCS12 \
    -keystore "$work/tls.p12" -storepass "$TLS_PASSWORD" >"$work/keytool.log" 2>&1 || {
    echo "bench: keytool failed:" >&2; cat "$work/keytool.log" >&2; return 1
  }
  TLS_KEYSTORE="$work/tls.p12"
}

# start_server NAME [https]: starts contestant NAME pinned to SERVER_CPU on PORT, serving HTTPS with
# the run's certificate when asked (pollux-*, netty-epoll, netty-nio); sets server_pid.
start_server() {
  local name=$1 tls=() log="$work/$1${2:+-$2}.log"
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "bench: something already listens on 127.0.0.1:$PORT; stop it or set BENCH_PORT" >&2
    return 1
  fi
  if [ "${2:-}" = https ]; then
    make_keystore || return 1
    tls=(--tls-keystore "$TLS_KEYSTORE" --tls-password "$TLS_PASSWORD")
  fi
  case "$name" in
    pollux-*)
      # --add-exports: the poll transport reaches the JDK's poll(2) selector (NioTransport.poll()).
      JAVA_OPTS="$JVM_FLAGS --add-exports java.base/sun.nio.ch=ALL-UNNAMED" \
        taskset -c "$SERVER_CPU" "$here/pollux-bench-server" \
        --port "$PORT" --io "${name#pollux-}" "${tls[@]}" >"$log" 2>&1 &
      ;;
    tcp-pollux-*)
      taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" $JVM_FLAGS -jar "$pollux_jar" --bind 127.0.0.1 \
        --tcp-port "$PORT" --http-port off --simulate --io "${name#tcp-pollux-}" --log-level warn \
        >"$log" 2>&1 &
      ;;
    nginx)
      mkdir -p "$work/nginx/tmp"
      sed "s/@PORT@/$PORT/" "$scripts/nginx.conf" >"$work/nginx/nginx.conf"
      taskset -c "$SERVER_CPU" nginx -p "$work/nginx/" -c "$work/nginx/nginx.conf" \
        -e "$work/nginx/error.log" >"$log" 2>&1 &
      ;;
    *)
      taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" $JVM_FLAGS -cp "$classpath" \
        dev.pollux.bench.BenchServer "$name" --port "$PORT" "${tls[@]}" >"$log" 2>&1 &
      ;;
  esac
  server_pid=$!
  local i
  for i in $(seq 200); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "bench: $name exited at start:" >&2; cat "$log" >&2; server_pid=""; return 1
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "bench: $name is not listening on 127.0.0.1:$PORT after 20 s" >&2
  stop_server
  return 1
}

# The server's process and its children (nginx: master + worker).
server_pids() { echo "$server_pid" $(pgrep -P "$server_pid" || true); }
cpu_ticks() { # utime + stime of the server's processes, in clock ticks
  local total=0 pid stat
  for pid in $(server_pids); do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    set -- ${stat##*) }   # fields after "(comm) "; utime and stime are fields 14, 15 => $12, $13
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}
status_sum() { # status_sum FIELD: VmHWM (kB) or Threads, summed over the server's processes
  local total=0 pid v
  for pid in $(server_pids); do
    v=$(awk -v f="$1:" '$1 == f { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

# wrk_args URL CONNECTIONS DEPTH SECONDS: wrk's arguments, TechEmpower's headers, one thread.
wrk_args() {
  local url=$1 conns=$2 depth=$3 secs=$4 accept
  accept='text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7'
  [[ $url == */json ]] && accept='application/json,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7'
  local args=(-t1 "-c$conns" "-d${secs}s" --timeout 5s --latency -H 'Host: localhost'
    -H "Accept: $accept" -H 'Connection: keep-alive')
  [ "$depth" -gt 1 ] && args+=(-s "$scripts/pipeline.lua")
  args+=("$url")
  [ "$depth" -gt 1 ] && args+=(-- "$depth")
  printf '%s\n' "${args[@]}"
}

# wrk_run URL CONNECTIONS DEPTH SECONDS: runs wrk pinned to CLIENT_CPU; prints its report (with
# pipelining, pipeline.lua's "Batch latency" line too, which needs the connection count).
wrk_run() {
  local args
  mapfile -t args < <(wrk_args "$@")
  WRK_CONNECTIONS=$2 timeout $(($4 + 30)) taskset -c "$CLIENT_CPU" wrk "${args[@]}"
}

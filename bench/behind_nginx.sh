#!/usr/bin/env bash
# Two app processes behind a local nginx with session affinity, and bench/load.py through it.
#
#   bench/behind_nginx.sh [load.py options, e.g. --sessions 5 --minutes 1]
#   PYTHON=/path/to/.venv/bin/python bench/behind_nginx.sh ...   (default: the checkout's .venv)
#
# Everything runs on loopback in a throwaway folder: a copy of the demo data (built once into
# $DEMO_CACHE, default /tmp/regsosek-load-demo; delete it after a change to what the ingest
# publishes), two `streamlit run app.py` processes sharing that
# data folder and one working directory (so one cookie key and one audit key), and nginx in the
# foreground (not a daemon) with its own config, logs and pid file. The proxy keeps a browser on
# one process with a cookie (regsosek_node, see docs/DEPLOY.md), forwards the websocket upgrade and
# takes a process out after failed requests. At the end it prints how the requests spread over the
# two processes, and stops everything it started.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
if ! "$PYTHON" -c "import streamlit, playwright" 2>/dev/null; then
    echo "$PYTHON lacks streamlit or playwright: run make first, or set PYTHON=/path/to/.venv/bin/python" >&2
    exit 2
fi
DEMO_CACHE=${DEMO_CACHE:-/tmp/regsosek-load-demo}

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y nginx-light >/dev/null
    else
        echo "nginx is missing: sudo apt-get install nginx-light" >&2
        exit 2
    fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d /tmp/regsosek-nginx.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() { "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_healthy() {
    for _ in $(seq 1 120); do
        if "$PYTHON" -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "$1" 2>/dev/null; then
            return 0
        fi
        sleep 0.5
    done
    echo "$1 did not answer" >&2
    return 1
}

if [ ! -f "$DEMO_CACHE/warehouse/live.json" ]; then
    echo "building the demo data in $DEMO_CACHE (once) ..."
    mkdir -p "$DEMO_CACHE"
    (cd "$ROOT" && REGSOSEK_DATA_DIR=$DEMO_CACHE PYTHONPATH=$ROOT "$PYTHON" -m regsosek demo 2>/dev/null)
fi
mkdir -p "$WORK/data" "$WORK/cwd" "$WORK/nginx/logs"
for entry in "$DEMO_CACHE"/*; do
    case "$(basename "$entry")" in snapshots|tmp) ;; *) cp -a "$entry" "$WORK/data/" ;; esac
done
cp -a "$ROOT/.streamlit" "$WORK/cwd/.streamlit"
rm -f "$WORK/cwd/.streamlit/secrets.toml"

APP_PORTS=()
for i in 1 2; do
    port=$(free_port)
    APP_PORTS+=("$port")
    (cd "$WORK/cwd" && REGSOSEK_DATA_DIR=$WORK/data PYTHONPATH=$ROOT exec "$PYTHON" -m streamlit run "$ROOT/app.py" \
        --server.port "$port" --server.address 127.0.0.1 --server.headless true \
        --server.fileWatcherType none >"$WORK/app$i.log" 2>&1) &
    PIDS+=("$!")
done
APP_PIDS=("${PIDS[@]}")
for port in "${APP_PORTS[@]}"; do wait_healthy "http://127.0.0.1:$port/_stcore/health" || { cat "$WORK"/app*.log >&2; exit 1; }; done

PROXY_PORT=$(free_port)
USER_LINE=""
[ "$(id -u)" = 0 ] && USER_LINE="user root;"  # workers keep access to the throwaway folder
cat >"$WORK/nginx/nginx.conf" <<EOF
$USER_LINE
worker_processes 1;
pid $WORK/nginx/nginx.pid;
events { worker_connections 1024; }
http {
    log_format upstreamlog '\$upstream_addr \$status \$request_time "\$request_method \$uri"';
    access_log $WORK/nginx/logs/access.log upstreamlog;
    client_body_temp_path $WORK/nginx/client_body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;

    # Affinity: a browser without the cookie gets a random node id, kept in a cookie; the upstream
    # is chosen by hashing it, so the page, its websocket and its /media downloads meet one process.
    map \$cookie_regsosek_node \$regsosek_node {
        ""      \$request_id;
        default \$cookie_regsosek_node;
    }
    map \$cookie_regsosek_node \$regsosek_node_cookie {
        ""      "regsosek_node=\$request_id; Path=/; HttpOnly; SameSite=Strict";
        default "";
    }
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ""      close;
    }
    upstream regsosek {
        hash \$regsosek_node consistent;
        server 127.0.0.1:${APP_PORTS[0]} max_fails=3 fail_timeout=10s;
        server 127.0.0.1:${APP_PORTS[1]} max_fails=3 fail_timeout=10s;
    }
    server {
        listen 127.0.0.1:$PROXY_PORT;
        location = /_stcore/metrics { return 404; }
        location / {
            proxy_pass http://regsosek;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_read_timeout 1h;
            proxy_buffering off;
            proxy_next_upstream error timeout http_502 http_503;
            add_header Set-Cookie \$regsosek_node_cookie always;
        }
    }
}
EOF
"$NGINX" -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" -g "daemon off;" &
PIDS+=("$!")
wait_healthy "http://127.0.0.1:$PROXY_PORT/_stcore/health" || { cat "$WORK/nginx/logs/error.log" "$WORK"/app*.log >&2; exit 1; }
echo "nginx http://127.0.0.1:$PROXY_PORT -> app processes ${APP_PIDS[*]} on ports ${APP_PORTS[*]}"

status=0
(cd "$ROOT" && "$PYTHON" bench/load.py --url "http://127.0.0.1:$PROXY_PORT" \
    --pid "${APP_PIDS[0]}" --pid "${APP_PIDS[1]}" "$@") || status=$?

echo
echo "requests per app process and status (nginx access log; a websocket is one request, logged when it closes):"
awk '{ kind = ($5 ~ /_stcore\/stream/) ? "websocket" : "http"; n[$1 " " kind " " $2]++ }
     END { for (k in n) printf "  %-36s %6d\n", k, n[k] }' "$WORK/nginx/logs/access.log" | sort
exit $status

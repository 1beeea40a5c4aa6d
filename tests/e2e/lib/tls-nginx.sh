# Shared by the end-to-end scripts that serve files over TLS on loopback
# (feeds-https.sh, feeds-scan.sh, xccdf-remote.sh): a test PKI made with
# openssl, Debian's nginx started and stopped in the scratch directory $T,
# and an environment where no proxy can catch the requests. Sourced, not
# run (run.sh runs tests/e2e/*.sh only). The caller sets T first.

NGINX=$(command -v nginx || echo /usr/sbin/nginx)

fail() { echo "FAIL: $*"; exit 1; }
note() { echo "ok: $*"; }

# Loopback only: no proxy from the environment may catch our requests.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy='*' NO_PROXY='*'

# tls_need CMD...: nginx, openssl, python3 and each CMD are installed.
tls_need() {
	[ -x "$NGINX" ] || fail "nginx is not installed (sh scripts/deps.sh)"
	for c in openssl python3 "$@"; do
		command -v "$c" >/dev/null || fail "$c is not installed"
	done
}

# tls_pki NAME: a CA $T/NAME-ca.pem and a server certificate for 127.0.0.1
# and localhost signed by it, $T/NAME-srv.pem with its key $T/NAME-srv.key.
tls_pki() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
	    -nodes -keyout "$T/$1-ca.key" -out "$T/$1-ca.pem" -days 2 \
	    -subj "/CN=kensa test CA $1" 2>/dev/null || return 1
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	    -keyout "$T/$1-srv.key" -out "$T/$1-srv.csr" \
	    -subj "/CN=localhost" 2>/dev/null || return 1
	printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' \
	    >"$T/$1-ext"
	openssl x509 -req -in "$T/$1-srv.csr" -CA "$T/$1-ca.pem" \
	    -CAkey "$T/$1-ca.key" -CAcreateserial -out "$T/$1-srv.pem" \
	    -days 2 -extfile "$T/$1-ext" 2>/dev/null
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# nginx_conf_head [ACCESS_LOG_LINES]: the start of an nginx.conf up to the
# http block's common settings (stdout); the caller adds its server blocks
# and the closing "}". Without an argument, no access log.
nginx_conf_head() {
	cat <<EOF
daemon on;
worker_processes 1;
pid $T/nginx.pid;
error_log $T/error.log warn;
events { worker_connections 64; }
http {
	${1:-access_log off;}
	client_body_temp_path $T/tmp/body;
	proxy_temp_path $T/tmp/proxy;
	fastcgi_temp_path $T/tmp/fastcgi;
	uwsgi_temp_path $T/tmp/uwsgi;
	scgi_temp_path $T/tmp/scgi;
	default_type application/octet-stream;
EOF
}

# nginx_run: starts nginx on the $T/nginx.conf written and waits (bounded)
# for its pid file; non-zero when it did not start ($T/nginx.err says why).
nginx_run() {
	mkdir -p "$T/tmp"
	"$NGINX" -p "$T" -c "$T/nginx.conf" -e "$T/error.log" 2>"$T/nginx.err" ||
	    return 1
	i=0
	while [ ! -s "$T/nginx.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s "$T/nginx.pid" ]
}

# nginx_start WRITE_CONF: picks a free port (PORT), lets WRITE_CONF (a
# function) write $T/nginx.conf for it and runs nginx; five ports at most,
# else fail.
nginx_start() {
	for try in 1 2 3 4 5; do
		PORT=$(free_port)
		"$1" || fail "$1 failed"
		nginx_run && return 0
	done
	fail "nginx did not start: $(cat "$T/nginx.err" "$T/error.log" 2>/dev/null | tail -3)"
}

# nginx_stop: nginx daemonises; stop it through its pid file, then wait
# (bounded) for it to go.
nginx_stop() {
	[ -f "$T/nginx.conf" ] && [ -s "$T/nginx.pid" ] && "$NGINX" -p "$T" \
	    -c "$T/nginx.conf" -e "$T/error.log" -s stop 2>/dev/null
	i=0
	while [ -s "$T/nginx.pid" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
	rm -f "$T/nginx.pid"
}

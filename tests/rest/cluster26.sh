# cluster26.sh - a private one-host Slurm 26.05 cluster inside the cached
# sid chroot (tests/rest/chroot.sh), for the REST suite: munged, slurmctld,
# slurmd (root, cgroups off), slurmrestd (JWT, as nobody) on loopback, and
# nginx terminating TLS in front of slurmrestd with a test CA made here.
# Ports come from 18000-18999 (never 6817/6818/6820).
#
# Source it (bash), then:
#   c26_start   build/reuse the chroot, write configs, start everything;
#               non-zero with log tails if the cluster does not come up
#   c26_stop    stop every daemon by pid file, unmount /proc, remove the folder
#   c26 CMD...  run CMD inside the chroot with SLURM_CONF set (scontrol ...)
#   c26_token [SECS]  print a fresh JWT for root
#   c26_rest_stop / c26_rest_start / c26_rest_pid   slurmrestd alone
# After c26_start: C26_HTTP (http:// URL of slurmrestd), C26_HTTPS (nginx),
# C26_CA (the test CA, host path), C26_BADCA (an unrelated CA).

C26_ROOT=${CCP_REST_CHROOT:-/var/cache/ccpshim/sid-chroot}
C26_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$C26_HERE/../live/slurm_conf.sh"
C26_W=			# folder inside the chroot (chroot path)
C26_D=			# the same folder, host path
C26_MOUNTED=0

_c26_say() { printf '# cluster26: %s\n' "$*" >&2; }

c26() { timeout "${C26_CMD_TIMEOUT:-30}" chroot "$C26_ROOT" env SLURM_CONF="$C26_W/slurm.conf" PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

c26_logs() {
	local f
	[ -n "$C26_D" ] || return 0
	for f in "$C26_D"/log/* "$C26_D"/munge/munged.log; do
		[ -s "$f" ] || continue
		echo "# ---- tail of ${f#$C26_D/} ----" >&2
		tail -n 25 "$f" | sed 's/^/#   /' >&2
	done
}

_c26_wait() {
	local secs=$1 end; shift
	end=$((SECONDS + secs))
	until "$@"; do
		[ "$SECONDS" -ge "$end" ] && return 1
		sleep 0.5
	done
}
_c26_munge_up() { [ -S "$C26_D/munge/munge.socket" ]; }
_c26_ctld_up() { c26 scontrol ping 2>/dev/null | grep -q 'is UP'; }
_c26_node_idle() { [ "$(c26 sinfo -h -N -o %t 2>/dev/null)" = idle ]; }
_c26_rest_up() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$C26_REST_PORT/"; [ $? -ne 7 ]; }
_c26_tls_up() { ccp_port_free "$C26_TLS_PORT" && return 1; return 0; }

_c26_conf() {
	local d=$C26_D w=$C26_W
	ccp_slurm_conf "$d/slurm.conf" "$w" ccprest "$C26_CTLD_PORT" \
		"$C26_SLURMD_PORT" 16 \
		"$(ccp_slurm_major c26)" \
		"AuthAltTypes=auth/jwt" \
		"AuthAltParameters=jwt_key=$w/jwt.key" || return 1
	cat > "$d/nginx.conf" <<EOC
# nginx: TLS in front of slurmrestd, as sites deploy it
user nobody nogroup;
worker_processes 1;
pid $w/run/nginx.pid;
error_log $w/log/nginx.log info;
events { worker_connections 64; }
http {
	access_log $w/log/nginx-access.log;
	client_body_temp_path $w/nginx;
	proxy_temp_path $w/nginx;
	fastcgi_temp_path $w/nginx;
	uwsgi_temp_path $w/nginx;
	scgi_temp_path $w/nginx;
	server {
		listen 127.0.0.1:$C26_TLS_PORT ssl;
		server_name localhost;
		ssl_certificate $w/tls/server.crt;
		ssl_certificate_key $w/tls/server.key;
		location / {
			proxy_pass http://127.0.0.1:$C26_REST_PORT;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_read_timeout 60s;
		}
	}
}
EOC
}

# Test CA, a server certificate for 127.0.0.1/localhost, and an unrelated CA.
_c26_tls() {
	local t=$C26_D/tls
	mkdir -p "$t" && (
	cd "$t" || exit 1
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=ccpshim-test-CA \
		-keyout ca.key -out ca.crt 2>/dev/null &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=ccpshim-wrong-CA \
		-keyout badca.key -out badca.crt 2>/dev/null &&
	openssl req -newkey rsa:2048 -nodes -subj /CN=localhost \
		-keyout server.key -out server.csr 2>/dev/null &&
	printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' > ext.cnf &&
	openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
		-days 2 -extfile ext.cnf -out server.crt 2>/dev/null ) || return 1
	C26_CA=$t/ca.crt; C26_BADCA=$t/badca.crt
}

c26_rest_start() {
	# slurmrestd refuses root and SlurmUser: it runs as nobody from the start.
	env C26_MARK="$C26_D" setsid chroot --userspec=nobody:nogroup "$C26_ROOT" \
		env SLURM_CONF="$C26_W/slurm.conf" SLURM_JWT=daemon \
		slurmrestd -f "$C26_W/slurm.conf" -a rest_auth/jwt -s openapi/slurmctld \
		"127.0.0.1:$C26_REST_PORT" \
		</dev/null >>"$C26_D/log/slurmrestd.log" 2>&1 &
	echo $! > "$C26_D/run/slurmrestd.pid"
	_c26_wait 20 _c26_rest_up
}
c26_rest_pid() { cat "$C26_D/run/slurmrestd.pid" 2>/dev/null; }
c26_rest_stop() {
	local p; p=$(c26_rest_pid)
	[ -n "$p" ] || return 0
	kill -CONT "$p" 2>/dev/null; kill -TERM "$p" 2>/dev/null
	_c26_wait 10 eval "! kill -0 $p 2>/dev/null" || kill -KILL "$p" 2>/dev/null
	rm -f "$C26_D/run/slurmrestd.pid"
}

c26_token() { c26 scontrol token username=root lifespan="${1:-3600}" | sed -n 's/^SLURM_JWT=//p'; }

c26_start() {
	local ports
	[ "$(id -u)" -eq 0 ] || { _c26_say "needs root"; return 1; }
	bash "$C26_HERE/chroot.sh" || { _c26_say "no chroot"; return 1; }
	ports=$(ccp_pick_ports 4 18000) || { _c26_say "no free ports in 18000-18999"; return 1; }
	set -- $ports
	C26_CTLD_PORT=$1 C26_SLURMD_PORT=$2 C26_REST_PORT=$3 C26_TLS_PORT=$4
	mkdir -p "$C26_ROOT/ccp"
	C26_D=$(mktemp -d "$C26_ROOT/ccp/run.XXXXXX") || return 1
	C26_W=${C26_D#$C26_ROOT}
	chmod 0755 "$C26_D"
	mkdir -p "$C26_D"/{munge,state,spool,log,run,jobs,nginx}
	chmod 0755 "$C26_D"/{log,run}; chmod 1777 "$C26_D/jobs"
	_c26_say "folder $C26_D; ports ctld $1 slurmd $2 rest $3 tls $4"
	cp /etc/hosts "$C26_ROOT/etc/hosts"
	if ! mountpoint -q "$C26_ROOT/proc"; then
		mount -t proc proc "$C26_ROOT/proc" || { _c26_say "cannot mount /proc"; return 1; }
		C26_MOUNTED=1
	fi
	_c26_conf || { _c26_say "cannot write slurm.conf"; return 1; }
	# /etc/slurm/cgroup.conf is where 26.05 looks for it.
	mkdir -p "$C26_ROOT/etc/slurm" && cp "$C26_D/cgroup.conf" "$C26_ROOT/etc/slurm/cgroup.conf"
	_c26_tls || { _c26_say "openssl failed"; return 1; }
	dd if=/dev/urandom of="$C26_D/munge/munge.key" bs=1024 count=1 status=none
	dd if=/dev/urandom of="$C26_D/jwt.key" bs=32 count=1 status=none
	chmod 0600 "$C26_D/jwt.key"
	local mu; mu=$(chroot "$C26_ROOT" id -u munge) || { _c26_say "no munge user in chroot"; return 1; }
	chown -R "$mu:$(chroot "$C26_ROOT" id -g munge)" "$C26_D/munge"
	chmod 0700 "$C26_D/munge"; chmod 0400 "$C26_D/munge/munge.key"; chmod 0711 "$C26_D/munge"
	env C26_MARK="$C26_D" chroot --userspec=munge:munge "$C26_ROOT" munged \
		--socket="$C26_W/munge/munge.socket" --key-file="$C26_W/munge/munge.key" \
		--pid-file="$C26_W/munge/munged.pid" --log-file="$C26_W/munge/munged.log" \
		--seed-file="$C26_W/munge/munged.seed" </dev/null >>"$C26_D/log/munged.out" 2>&1 ||
		{ _c26_say "munged did not start"; c26_logs; return 1; }
	_c26_wait 15 _c26_munge_up || { _c26_say "munged not up"; c26_logs; return 1; }
	env C26_MARK="$C26_D" chroot "$C26_ROOT" slurmctld -i -f "$C26_W/slurm.conf" \
		</dev/null >>"$C26_D/log/slurmctld.out" 2>&1 ||
		{ _c26_say "slurmctld did not start"; c26_logs; return 1; }
	env C26_MARK="$C26_D" chroot "$C26_ROOT" slurmd -f "$C26_W/slurm.conf" -N n1 \
		</dev/null >>"$C26_D/log/slurmd.out" 2>&1 ||
		{ _c26_say "slurmd did not start"; c26_logs; return 1; }
	_c26_wait 60 _c26_ctld_up || { _c26_say "slurmctld not UP"; c26_logs; return 1; }
	_c26_wait 60 _c26_node_idle || { _c26_say "node not idle: $(c26 sinfo -h -N -o '%N %t %E' 2>&1)"; c26_logs; return 1; }
	c26_rest_start || { _c26_say "slurmrestd not up"; c26_logs; return 1; }
	env C26_MARK="$C26_D" chroot "$C26_ROOT" nginx -c "$C26_W/nginx.conf" \
		</dev/null >>"$C26_D/log/nginx.out" 2>&1 || { _c26_say "nginx did not start"; c26_logs; return 1; }
	_c26_wait 10 _c26_tls_up || { _c26_say "nginx not listening"; c26_logs; return 1; }
	C26_HTTP=http://127.0.0.1:$C26_REST_PORT
	C26_HTTPS=https://127.0.0.1:$C26_TLS_PORT
	_c26_say "up: $C26_HTTP $C26_HTTPS ($(c26 slurmctld -V 2>&1))"
}

_c26_kill() { # PIDFILE NAME
	local pid
	pid=$(cat "$1" 2>/dev/null); case $pid in ''|*[!0-9]*) return 0;; esac
	kill -CONT "$pid" 2>/dev/null; kill -TERM "$pid" 2>/dev/null || return 0
	_c26_wait 15 eval "! kill -0 $pid 2>/dev/null" && return 0
	_c26_say "$2 ($pid) ignored TERM: KILL"; kill -KILL "$pid" 2>/dev/null
}

c26_stop() {
	local p e
	[ -n "$C26_D" ] && [ -d "$C26_D" ] || return 0
	c26 scancel -u root >/dev/null 2>&1
	c26_rest_stop
	_c26_kill "$C26_D/run/nginx.pid" nginx
	_c26_kill "$C26_D/run/slurmd.pid" slurmd
	_c26_kill "$C26_D/run/slurmctld.pid" slurmctld
	_c26_kill "$C26_D/munge/munged.pid" munged
	# Leftovers (slurmstepd, a job's sleep), by id, marked as ours.
	for p in /proc/[0-9]*; do
		p=${p#/proc/}; [ "$p" = $$ ] && continue
		e=$(tr "\\0" "\\n" 2>/dev/null < "/proc/$p/environ") || continue
		case $e in *"C26_MARK=$C26_D"*) kill -KILL "$p" 2>/dev/null;; esac
	done
	sleep 0.5
	if [ "$C26_MOUNTED" = 1 ]; then
		umount "$C26_ROOT/proc" 2>/dev/null || umount -l "$C26_ROOT/proc"
		C26_MOUNTED=0
	fi
	if [ "${CCP_REST_KEEP:-0}" = 1 ]; then _c26_say "kept $C26_D"; else rm -rf "$C26_D"; fi
	C26_D=
}

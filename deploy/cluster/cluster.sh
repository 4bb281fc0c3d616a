#!/usr/bin/env bash
# A gateway cluster on loopback: PostgreSQL, an Artemis live/backup pair, 2-3 gateway nodes of one
# party and HAProxy in front of their AS4 ports, plus the home of a partner gateway that sends to it.
#
#   deploy/cluster/cluster.sh start  [--work DIR] [--nodes 2|3] [--base-port PORT]
#   deploy/cluster/cluster.sh stop   [--work DIR]
#   deploy/cluster/cluster.sh status [--work DIR]
#
# Needs gateway/target/imi-gateway.jar (mvn -B -q package -DskipTests), Java 17, Debian's
# postgresql and haproxy packages. Every process it starts has a pid file in DIR/run; stop ends
# exactly those. See docs/cluster-recipe.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/gateway/target/imi-gateway.jar"
TEMPLATE="$ROOT/gateway/src/main/dist/artemis"
LAUNCHER="$ROOT/deploy/cluster/ArtemisBroker.java"
PARTY=gw-cluster
PARTNER=gw-partner

WORK="$PWD/cluster"
NODES=2
BASE=17400
command="${1:-}"
shift || true
while [ $# -gt 0 ]; do
  case "$1" in
    --work) WORK="$2"; shift 2 ;;
    --nodes) NODES="$2"; shift 2 ;;
    --base-port) BASE="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$NODES" in 1|2|3) ;; *) echo "--nodes must be 1, 2 or 3, not $NODES" >&2; exit 2 ;; esac
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
RUN="$WORK/run"
# The ports, kept with the work folder so that stop and status find what start chose.
if [ -f "$WORK/ports" ]; then . "$WORK/ports"; fi
PG_PORT=${PG_PORT:-$BASE}
BROKER_A=${BROKER_A:-$((BASE + 1))}
BROKER_B=${BROKER_B:-$((BASE + 2))}
FRONT=${FRONT:-$((BASE + 10))}
STATS=${STATS:-$((BASE + 11))}
PARTNER_PORT=${PARTNER_PORT:-$((BASE + 40))}
node_port() { echo $((BASE + 20 + $1)); }
admin_port() { echo $((BASE + 30 + $1)); }

log() { echo "cluster: $*"; }
die() { echo "cluster: $*" >&2; exit 1; }

alive() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

# Waits up to $3 seconds for the file $1 to contain the line $2.
await_line() {
  local file="$1" text="$2" seconds="$3" name="$4"
  for _ in $(seq $((seconds * 5))); do
    if [ -f "$file" ] && grep -q "$text" "$file"; then return 0; fi
    if ! alive "$name"; then die "$name stopped; see $file"; fi
    sleep 0.2
  done
  die "$name did not say '$text' within ${seconds}s; see $file"
}

secret() {
  local file="$WORK/secrets/$1"
  if [ ! -f "$file" ]; then
    mkdir -p "$WORK/secrets" && chmod 700 "$WORK/secrets"
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$file")
  fi
  cat "$file"
}

# ---------------------------------------------------------------- PostgreSQL
pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$newest" ] || die "no PostgreSQL under /usr/lib/postgresql: apt-get install postgresql (or set PG_BIN)"
  echo "$newest"
}

# PostgreSQL refuses to run as root; as root it runs as the postgres user the package creates.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin data="$WORK/postgresql/data"
  bin="$(pg_bin)"
  if [ ! -d "$data" ]; then
    mkdir -p "$WORK/postgresql"
    secret db-admin > "$WORK/postgresql/admin-password"
    [ "$(id -u)" = 0 ] && chown -R postgres "$WORK/postgresql"
    as_owner "$bin/initdb" -D "$data" -U admin --auth=scram-sha-256 --pwfile="$WORK/postgresql/admin-password" \
      -E UTF8 --no-locale > "$WORK/postgresql/initdb.log"
  fi
  # Loopback TCP only, no Unix socket.
  as_owner "$bin/pg_ctl" -D "$data" -l "$WORK/postgresql/server.log" -w -t 60 \
    -o "-p $PG_PORT -h 127.0.0.1 -c unix_socket_directories='' -c max_connections=200" start > /dev/null
  head -1 "$data/postmaster.pid" > "$RUN/postgresql.pid"
  local psql="$bin/psql -h 127.0.0.1 -p $PG_PORT -U admin -d postgres -tAq"
  if [ -z "$(PGPASSWORD="$(secret db-admin)" $psql -c "SELECT 1 FROM pg_roles WHERE rolname='imi'")" ]; then
    PGPASSWORD="$(secret db-admin)" $psql -c "CREATE ROLE imi LOGIN PASSWORD '$(secret db-imi)'"
    PGPASSWORD="$(secret db-admin)" $psql -c "CREATE DATABASE imi OWNER imi"
  fi
  log "PostgreSQL on 127.0.0.1:$PG_PORT, database imi"
}

stop_postgres() {
  [ -d "$WORK/postgresql/data" ] || return 0
  as_owner "$(pg_bin)/pg_ctl" -D "$WORK/postgresql/data" -m fast -w -t 30 stop > /dev/null 2>&1 || true
  rm -f "$RUN/postgresql.pid"
}

# ---------------------------------------------------------------- Artemis pair
# Makes an instance folder from the shipped template, as `artemis create` plus the template would.
artemis_instance() {
  local name="$1" policy="$2" dir="$WORK/artemis/$1"
  mkdir -p "$dir"
  cp "$TEMPLATE/broker.xml" "$dir/broker.xml"
  cp "$TEMPLATE/$policy" "$dir/ha-policy.xml"
  cat > "$dir/login.config" <<EOF
activemq {
  org.apache.activemq.artemis.spi.core.security.jaas.PropertiesLoginModule required
    org.apache.activemq.jaas.properties.user="users.properties"
    org.apache.activemq.jaas.properties.role="roles.properties";
};
EOF
  (umask 077 && echo "imi=$(secret broker-imi)" > "$dir/users.properties")
  echo "imi-gateway=imi" > "$dir/roles.properties"
}

start_broker() {
  local name="$1" port="$2" peer="$3" awaited="$4" dir="$WORK/artemis/$1"
  nohup java -Xmx256m -cp "$JAR" \
    -Djava.security.auth.login.config="$dir/login.config" -Dartemis.instance.etc="$dir" \
    -Dimi.broker.name="$name" -Dimi.broker.port="$port" -Dimi.broker.peer.port="$peer" \
    -Dimi.broker.data="$WORK/artemis/store" -Dimi.broker.cluster.password="$(secret broker-cluster)" \
    "$LAUNCHER" "$dir" >> "$dir/broker.log" 2>&1 &
  echo $! > "$RUN/$name.pid"
  await_line "$dir/broker.log" "broker $name $awaited" 120 "$name"
  log "Artemis $name on 127.0.0.1:$port ($awaited)"
}

# ---------------------------------------------------------------- gateway homes
set_property() {  # file key value: replaces the key's line or adds it
  local file="$1" key="$2" value="$3"
  if grep -q "^$key=" "$file"; then
    sed -i "s|^$key=.*|$key=$value|" "$file"
  else
    echo "$key=$value" >> "$file"
  fi
}

make_homes() {
  [ -d "$WORK/homes" ] && return 0
  java -jar "$JAR" init --dir "$WORK/init" --party "$PARTY" --party "$PARTNER" > "$WORK/init.log"
  local old_cluster old_partner
  old_cluster="$(sed -n 's/^http.port=//p' "$WORK/init/$PARTY/config/gateway.properties")"
  old_partner="$(sed -n 's/^http.port=//p' "$WORK/init/$PARTNER/config/gateway.properties")"
  # The partner reaches the cluster's party through the load balancer.
  for home in "$WORK/init/$PARTY" "$WORK/init/$PARTNER"; do
    sed -i -e "s|127.0.0.1:$old_cluster/as4|127.0.0.1:$FRONT/as4|" -e "s|127.0.0.1:$old_partner/as4|127.0.0.1:$PARTNER_PORT/as4|" \
      "$home/config/pmodes/pmodes.xml"
  done
  mkdir -p "$WORK/homes" "$WORK/shared"
  mv "$WORK/init/$PARTNER" "$WORK/homes/$PARTNER"
  set_property "$WORK/homes/$PARTNER/config/gateway.properties" http.port "$PARTNER_PORT"
  local url="(tcp://127.0.0.1:$BROKER_A,tcp://127.0.0.1:$BROKER_B)?ha=true&reconnectAttempts=-1"
  for i in 1 2 3; do
    local home="$WORK/homes/node-$i" props
    cp -r "$WORK/init/$PARTY" "$home"
    props="$home/config/gateway.properties"
    set_property "$props" http.port "$(node_port "$i")"
    set_property "$props" admin.port "$(admin_port "$i")"
    set_property "$props" database.url "jdbc:postgresql://127.0.0.1:$PG_PORT/imi"
    set_property "$props" database.user imi
    set_property "$props" database.password "$(secret db-imi)"
    set_property "$props" broker.url "$url"
    set_property "$props" broker.user imi
    set_property "$props" broker.password "$(secret broker-imi)"
    set_property "$props" cluster.enabled true
    set_property "$props" cluster.nodeId "node-$i"
    set_property "$props" cluster.sharedDir "$WORK/shared"
    chmod 600 "$props"
  done
  rm -rf "$WORK/init"
}

start_gateway() {
  local name="$1" home="$WORK/homes/$1"
  nohup java -XX:+ExitOnOutOfMemoryError -Xmx512m -jar "$JAR" serve --home "$home" >> "$home/gateway.log" 2>&1 &
  echo $! > "$RUN/$name.pid"
  await_line "$home/gateway.log" "receiving at" 180 "$name"
  log "gateway $name ($(sed -n 's/^http.port=//p' "$home/config/gateway.properties"))"
}

# ---------------------------------------------------------------- HAProxy
start_haproxy() {
  command -v haproxy > /dev/null || die "haproxy is not installed: apt-get install haproxy"
  local cfg="$WORK/haproxy.cfg"
  {
    sed -e "s/@FRONT@/$FRONT/" -e "s/@STATS@/$STATS/" "$ROOT/deploy/cluster/haproxy.cfg"
    for i in $(seq "$NODES"); do
      echo "  server node-$i 127.0.0.1:$(node_port "$i") check port $(admin_port "$i")"
    done
  } > "$cfg"
  haproxy -c -q -f "$cfg"
  haproxy -D -f "$cfg" -p "$RUN/haproxy.pid"
  log "HAProxy: AS4 on http://127.0.0.1:$FRONT/as4, stats on http://127.0.0.1:$STATS/"
}

# ---------------------------------------------------------------- commands
start() {
  [ -f "$JAR" ] || die "$JAR is missing: build it first (mvn -B -q package -DskipTests)"
  for name in postgresql broker-a broker-b haproxy node-1 node-2 node-3; do
    alive "$name" && die "$name is already running (pid $(cat "$RUN/$name.pid")); run stop first"
  done
  mkdir -p "$RUN"
  cat > "$WORK/ports" <<EOF
BASE=$BASE
PG_PORT=$PG_PORT
BROKER_A=$BROKER_A
BROKER_B=$BROKER_B
FRONT=$FRONT
STATS=$STATS
PARTNER_PORT=$PARTNER_PORT
EOF
  start_postgres
  artemis_instance broker-a ha-primary.xml
  artemis_instance broker-b ha-backup.xml
  start_broker broker-a "$BROKER_A" "$BROKER_B" live
  start_broker broker-b "$BROKER_B" "$BROKER_A" waiting
  make_homes
  for i in $(seq "$NODES"); do start_gateway "node-$i"; done
  start_haproxy
  log "ready. The partner's home sends through the load balancer (its gateway runs for the send):"
  echo "  java -jar $JAR send --home $WORK/homes/$PARTNER --to $PARTY --file README.md --mime-type text/markdown"
  echo "  ls $WORK/shared/inbox"
}

stop() {
  # Reverse order of start; SIGTERM lets each gateway and broker close cleanly.
  for name in haproxy node-3 node-2 node-1 broker-b broker-a; do
    if alive "$name"; then
      local pid
      pid="$(cat "$RUN/$name.pid")"
      kill "$pid"
      for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      log "stopped $name ($pid)"
    fi
    rm -f "$RUN/$name.pid"
  done
  stop_postgres
  log "stopped postgresql"
}

status() {
  local code=0
  for name in postgresql broker-a broker-b node-1 node-2 node-3 haproxy; do
    if alive "$name"; then
      printf '  %-11s running (pid %s)\n' "$name" "$(cat "$RUN/$name.pid")"
    elif [ -f "$RUN/$name.pid" ]; then
      printf '  %-11s DEAD (pid file %s)\n' "$name" "$RUN/$name.pid"; code=1
    fi
  done
  command -v curl > /dev/null || return $code
  for i in 1 2 3; do
    alive "node-$i" || continue
    printf '  node-%s health: %s\n' "$i" \
      "$(curl -s -m 3 "http://127.0.0.1:$(admin_port "$i")/health" | head -c 200 || echo 'no answer')"
  done
  return $code
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status [--work DIR] [--nodes 1|2|3] [--base-port PORT]" >&2; exit 2 ;;
esac

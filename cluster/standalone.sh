#!/usr/bin/env bash
# A real Spark standalone cluster (1 master + N workers, separate JVMs) on loopback, built from the shaded
# jar alone: no Spark distribution needed. Then: cluster/submit.sh spark://127.0.0.1:7077 sweeps/quickstart.yaml
#
# usage: cluster/standalone.sh start [WORKERS=2] [CORES_PER_WORKER=1] [MEMORY=3g] [--fake-gpus]
#   MEMORY must cover spark.executor.memory of cluster/spark-defaults.conf (3g), or no executor starts.
#        cluster/standalone.sh stop
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$root/target/sparksweep.jar"
state="$root/target/standalone"
. "$here/java17-opens.sh"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost SPARK_SCALA_VERSION=2.12
export SPARK_HOME="$state/spark-home"

start() {
  local workers="${1:-2}" cores="${2:-1}" memory="${3:-3g}" gpus="${4:-}"
  [ -f "$jar" ] || { echo "error: $jar missing; run: mvn -B package -DskipTests" >&2; exit 2; }
  mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf" "$state/logs"
  ln -sf "$jar" "$SPARK_HOME/jars/sparksweep.jar"   # workers start executors from SPARK_HOME/jars
  java $JAVA17_OPENS -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port 7077 --webui-port 8080 >"$state/logs/master.log" 2>&1 &
  echo $! >"$state/master.pid"
  local gpu_opts=""
  if [ "$gpus" = "--fake-gpus" ]; then
    gpu_opts="-Dspark.worker.resource.gpu.amount=2 -Dspark.worker.resource.gpu.discoveryScript=$here/fake-gpu-discovery.sh"
  fi
  for i in $(seq 1 "$workers"); do
    mkdir -p "$state/work-$i"
    java $JAVA17_OPENS $gpu_opts -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$cores" --memory "$memory" --work-dir "$state/work-$i" --webui-port $((8080 + i)) \
      spark://127.0.0.1:7077 >"$state/logs/worker-$i.log" 2>&1 &
    echo $! >"$state/worker-$i.pid"
  done
  for _ in $(seq 1 60); do
    # The master's JSON status page counts live workers (the jar logs at WARN, so logs say nothing).
    if [ "$(curl -s http://127.0.0.1:8080/json/ 2>/dev/null | grep -o '"aliveworkers" : [0-9]*' | grep -o '[0-9]*$')" = "$workers" ]; then
      echo "standalone cluster up: spark://127.0.0.1:7077 ($workers workers x $cores cores), logs in $state/logs"
      return 0
    fi
    sleep 1
  done
  echo "error: workers did not register within 60 s; see $state/logs" >&2
  exit 1
}

stop() {
  for pid in "$state"/*.pid; do
    [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
    rm -f "$pid"
  done
  echo "standalone cluster stopped"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 start [WORKERS] [CORES] [MEMORY] [--fake-gpus] | stop" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Training speed on a one-machine standalone cluster (master + 2 one-core workers, separate JVMs) against embedded
# local[2] Spark, same spec, A/B interleaved (the machine may be shared: compare rounds, not single numbers).
# Prints images/s per run-epoch for each sweep (training images x epochs / epoch seconds, from the epochs table).
#
# usage: src/bench/cluster-vs-local.sh [ROUNDS=2] [TRAIN_LIMIT=60000] [EPOCHS=3]
#   EXECUTOR_OPTS="..."  extra spark.executor.extraJavaOptions for a variant (appended to spark-defaults' own)
set -euo pipefail
rounds="${1:-2}"; limit="${2:-60000}"; epochs="${3:-3}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/sparksweep-ab.XXXXXX)"
. "$root/cluster/java17-opens.sh"
cd "$root"
cp="$(mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout | sed "s/\x1b\[[0-9;]*m//g"):$root/target/classes"
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost
mkdir -p "$SPARK_HOME/jars"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
cleanup() { for p in "${pids[@]}"; do pkill -9 -P "$p" 2>/dev/null || true; kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
mport=$(port); ui=$(port)
java $JAVA17_OPENS -Xmx256m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$mport" \
  --webui-port "$ui" >"$work/master.log" 2>&1 & pids+=($!)
for i in 1 2; do
  java $JAVA17_OPENS -Xmx256m -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 4g \
    --work-dir "$work/work-$i" --webui-port "$(port)" "spark://127.0.0.1:$mport" >"$work/worker-$i.log" 2>&1 & pids+=($!)
done
for _ in $(seq 1 120); do
  curl -s "http://127.0.0.1:$ui/json/" | tr -d ' ' | grep -q '"aliveworkers":2' && break; sleep 1
done
cat >"$work/ab.yaml" <<YAML
name: ab
data: {dataset: fashion-mnist, path: '$root/data/fashion-mnist', trainLimit: $limit, validationFraction: 0.1}
model: lenet5
training: {maxEpochs: $epochs, optimizer: adam}
space: {learningRate: 0.001, batchSize: 64, patience: $epochs}
repeats: 2
seed: 1
YAML
rate() { # images/s per run-epoch of the sweep in $1
  java $JAVA17_OPENS -cp "$cp" io.sparksweep.cli.Main sql --results "$1" --format csv \
    "SELECT round(sum(seconds), 2) AS s, count(*) AS epochs FROM epochs" 2>/dev/null | tail -1 |
    awk -F, -v n="$(( limit * 9 / 10 ))" '{ printf "%.0f images/s per run-epoch (%s run-epochs, %.1f s)\n", n * $2 / $1, $2, $1 }'
}
local_run() {
  OMP_NUM_THREADS=1 java $JAVA17_OPENS -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 --add-modules=jdk.incubator.vector -cp "$cp" io.sparksweep.cli.Main run \
    "$work/ab.yaml" --results "$1" --master 'local[2]' >"$1.log" 2>&1
}
cluster_run() {
  OMP_NUM_THREADS=1 java $JAVA17_OPENS --add-modules=jdk.incubator.vector -Xmx1g -cp "$cp" org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$mport" \
    --properties-file "$root/cluster/spark-defaults.conf" --conf "spark.executor.extraClassPath=$cp" \
    ${EXECUTOR_OPTS:+--conf "spark.executor.extraJavaOptions=$JAVA17_OPENS -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 $EXECUTOR_OPTS"} \
    --conf spark.ui.enabled=false --class io.sparksweep.cli.Main spark-internal run "$work/ab.yaml" --results "$1" \
    >"$1.log" 2>&1
}
cpu() { # CPU seconds (user + system) used so far by the master and worker JVMs
  local total=0
  for p in "${pids[@]}"; do
    total=$(awk -v t="$total" -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", t + ($14 + $15) / hz }' "/proc/$p/stat")
  done
  echo "$total"
}
for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then order="local cluster"; else order="cluster local"; fi
  for what in $order; do
    out="$work/$what-$r"
    before=$(cpu)
    TIMEFORMAT="%R s wall, %U s user + %S s system in the driver JVM"
    { time "${what}_run" "$out"; } 2>"$out.time"
    echo "round $r $what: $(rate "$out"); $(cat "$out.time")$([ "$what" = cluster ] && echo "; master + workers $(awk -v a="$(cpu)" -v b="$before" 'BEGIN { printf "%.1f", a - b }') CPU s")"
  done
done

#!/usr/bin/env bash
# spark-submit without a Spark distribution: the shaded jar carries Spark, so its own SparkSubmit
# (what bin/spark-submit calls) submits it. With a real Spark 3.5 install, use that spark-submit instead:
#   spark-submit --properties-file cluster/spark-defaults.conf --class io.sparksweep.cli.Main \
#     target/sparksweep.jar run sweeps/lenet5-seed-study.yaml --results results/
#
# usage: cluster/submit.sh MASTER SPEC [sparksweep run options...]
#   MASTER  e.g. spark://127.0.0.1:7077 (see cluster/standalone.sh), local[2], local-cluster[2,1,2048]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$root/target/sparksweep.jar"
[ -f "$jar" ] || { echo "error: $jar missing; run: mvn -B package -DskipTests" >&2; exit 2; }
[ $# -ge 2 ] || { echo "usage: $0 MASTER SPEC [run options]" >&2; exit 2; }
master="$1"; shift
. "$here/java17-opens.sh"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" SPARK_SCALA_VERSION=2.12
# libnd4j reads it once at load: one thread per run is the fast setting (docs/performance.md).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# A client-mode driver is this JVM (spark.driver.extraJavaOptions comes too late for it), and with a local master it
# trains: the same vector module as spark-defaults.conf gives drivers and executors.
exec java $JAVA17_OPENS --add-modules=jdk.incubator.vector -cp "$jar" org.apache.spark.deploy.SparkSubmit \
  --properties-file "$here/spark-defaults.conf" --master "$master" \
  --class io.sparksweep.cli.Main "$jar" run "$@"

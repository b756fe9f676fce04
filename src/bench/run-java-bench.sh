#!/usr/bin/env bash
# Standard throughput experiments: PyTorch yardstick, then the DL4J matrix, one fresh JVM per experiment
# (helpers, GC flags and OpenMP defaults are process-wide). Appends JSON lines to
# results/bench/<date>-{pytorch,java}.jsonl and prints one summary line per experiment on stderr.
#
#   src/bench/run-java-bench.sh            # everything (~30 min on 2 quiet cores)
#   src/bench/run-java-bench.sh core       # helpers / threads / parallelism only
#   src/bench/run-java-bench.sh extra      # the single-run knobs (workspaces, dtype, listeners, ...)
#   src/bench/run-java-bench.sh pytorch    # PyTorch 1 and 2 threads only
#
# Record `uptime` with the numbers: on a shared machine they are indicative only.
set -euo pipefail
cd "$(dirname "$0")/../.."
GROUP="${1:-all}"
DAY="$(date +%F)"
OUT_J="results/bench/${DAY}-java.jsonl"
OUT_P="results/bench/${DAY}-pytorch.jsonl"
mkdir -p results/bench

mvn -q -B -o compile
CP_FILE="$(mktemp)"
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"

jbench() { # jbench LABEL [JVM flags...] -- [bench args...]
  local label="$1"; shift
  local jvm=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do jvm+=("$1"); shift; done
  shift
  echo "# $(uptime)" >&2
  java -Xmx6g --add-modules=jdk.incubator.vector "${jvm[@]}" -Dorg.nd4j.log.initialization=false -cp "$CP" io.sparksweep.bench.BenchMain \
      --label "$label" --out "$OUT_J" --warmup 50 --window 100 "$@" 2> >(grep -v "INFO\|^SLF4J\|WARN" >&2) >/dev/null
}

pytorch() {
  # The yardstick comes from Debian (PyPI is not reachable): install it on first use.
  if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-torch >/dev/null
  fi
  for t in 1 2; do
    echo "# $(uptime)" >&2
    /usr/bin/python3 src/bench/pytorch_bench.py --threads "$t" | tee -a "$OUT_P"
  done
  # What a PyTorch sweep on 2 cores would do: two 1-thread processes side by side (add the two lines up).
  echo "# $(uptime)" >&2
  for _ in 1 2; do /usr/bin/python3 src/bench/pytorch_bench.py --threads 1 --models lenet5 > "$OUT_P.side.$_" & done
  wait
  cat "$OUT_P.side.1" "$OUT_P.side.2" | sed 's/"framework": "pytorch"/"framework": "pytorch", "side_by_side": 2/' | tee -a "$OUT_P"
  rm -f "$OUT_P.side.1" "$OUT_P.side.2"
}

VGG=(--model minivgg --warmup 20 --window 40 --windows 3)

if [[ "$GROUP" == pytorch ]]; then pytorch; exit 0; fi
[[ "$GROUP" == all ]] && pytorch

# One ND4J thread per run means OMP_NUM_THREADS=1 in the JVM's environment: libnd4j reads it once at load
# and in-process settings cannot fully replace it (see perf-notes.md). "inproc" rows show the difference.
if [[ "$GROUP" == all || "$GROUP" == core ]]; then
  OMP_NUM_THREADS=1 jbench stock-1x1 -- --helpers false
  OMP_NUM_THREADS=1 jbench helpers-1x1 --
  OMP_NUM_THREADS=2 jbench stock-1x2 -- --helpers false --threads 2
  OMP_NUM_THREADS=2 jbench helpers-1x2 -- --threads 2
  OMP_NUM_THREADS=1 jbench stock-2x1 -- --helpers false --runs 2
  OMP_NUM_THREADS=1 jbench helpers-2x1 -- --runs 2
  jbench helpers-2x1-inproc -- --runs 2
  jbench helpers-1x1-inproc --
  OMP_NUM_THREADS=1 jbench vgg-stock-1x1 -- "${VGG[@]}" --helpers false
  OMP_NUM_THREADS=1 jbench vgg-helpers-1x1 -- "${VGG[@]}"
  OMP_NUM_THREADS=2 jbench vgg-helpers-1x2 -- "${VGG[@]}" --threads 2
  OMP_NUM_THREADS=1 jbench vgg-helpers-2x1 -- "${VGG[@]}" --runs 2
fi

# Single-run knobs, LeNet-5, 1 run x 1 thread, helpers on; interleaved REPEAT times so that drifting load
# from other work spreads over all of them.
if [[ "$GROUP" == all || "$GROUP" == extra ]]; then
  export OMP_NUM_THREADS=1
  for _ in $(seq "${REPEAT:-2}"); do
    jbench baseline --
    jbench ws-none -- --workspace NONE
    jbench score-listener -- --step FIT_SCORE_LISTENER
    jbench fit-iterator -- --step FIT_ITERATOR
    jbench gradient-only -- --step GRADIENT_ONLY
    jbench inference-only -- --step INFERENCE
    jbench per-batch-arrays -- --batches PER_BATCH
    jbench relu -- --activation RELU
    jbench nhwc -- --format NHWC
    jbench cache-host -- --cache HOST
    jbench cache-device -- --cache DEVICE
    jbench parallel-gc -XX:+UseParallelGC --
  done
  jbench dtype-double -- --dtype DOUBLE
  jbench dtype-half -- --dtype HALF --warmup 20 --window 50
  jbench parallel-gc-2x1 -XX:+UseParallelGC -- --runs 2
  unset OMP_NUM_THREADS
fi
# The recommended trainer setup against its nearest alternatives, interleaved.
if [[ "$GROUP" == all || "$GROUP" == recommended ]]; then
  export OMP_NUM_THREADS=1
  for _ in $(seq "${REPEAT:-2}"); do
    jbench rec-2x1-cache -- --runs 2 --cache DEVICE
    jbench rec-2x1-nocache -- --runs 2
    jbench rec-2x1-cache-pgc -XX:+UseParallelGC -- --runs 2 --cache DEVICE
    jbench vgg-rec-2x1-cache -- "${VGG[@]}" --runs 2 --cache DEVICE
  done
  unset OMP_NUM_THREADS
fi
[[ "$GROUP" == all ]] && pytorch
exit 0

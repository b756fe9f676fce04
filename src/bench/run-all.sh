#!/usr/bin/env bash
# The whole benchmark of issue 5 in one run, on this machine: PyTorch yardstick, this project's training
# throughput, parallelism (1x2 vs 2x1), sweep overhead, and time from `run` to the first run training.
# Writes the raw JSON lines, the CPU model (cpu.txt) and summary.md to a new folder results/bench/<date>-<time>/, and the
# summary table into docs/performance.md between the "bench:begin" and "bench:end" markers.
#
#   src/bench/run-all.sh             # about 25 minutes on 2 quiet cores
#   QUICK=1 src/bench/run-all.sh     # short windows and a small overhead sweep: checks the plumbing (~6 min)
#   ISA=avx2 src/bench/run-all.sh    # both sides held to AVX2 (or ISA=sse4): an older x86's code paths, this machine
#
# Numbers are only as good as the machine is quiet: every row records the load average.
set -euo pipefail
cd "$(dirname "$0")/../.."
DAY="$(date +%F)"
OUT="results/bench/$(date +%F-%H%M)"
# Every JSON line names the processor: ratios to PyTorch differ a lot between CPU models.
# A VM often names only the vendor line ("AMD EPYC"): family, model and AVX-512 tell two such machines apart.
CPU_MODEL="$(/usr/bin/python3 -c 'import sys; sys.path.insert(0, "src/bench"); from pytorch_bench import cpu_model; print(cpu_model())' 2>/dev/null ||
  grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
CPU_MODEL="${CPU_MODEL//[\"\\]/}"
mkdir -p "$OUT"
# Ratios against PyTorch move a lot with the CPU model, so every figure is recorded with it.
echo "$CPU_MODEL" > "$OUT/cpu.txt"
# ISA holds both sides to an older instruction set: HotSpot's vector width (the Java kernels' vector species), the
# oneDNN in libnd4j, in the project and in PyTorch, OpenBLAS's kernel and PyTorch's ATen dispatch. That runs the code
# paths an AVX2 (or SSE4-only) x86 takes, not such a machine: caches, clocks and memory stay this one's. Such a run
# leaves the docs block alone and says which limit it ran under (isa.txt, summary.md).
case "${ISA:-}" in
  "") LIMIT=() ;;
  avx2) LIMIT=(JAVA_TOOL_OPTIONS=-XX:UseAVX=2 DNNL_MAX_CPU_ISA=AVX2 OPENBLAS_CORETYPE=Haswell ATEN_CPU_CAPABILITY=avx2) ;;
  sse4) LIMIT=(JAVA_TOOL_OPTIONS=-XX:UseAVX=0 DNNL_MAX_CPU_ISA=SSE41 OPENBLAS_CORETYPE=Nehalem ATEN_CPU_CAPABILITY=default) ;;
  *) echo "ISA=${ISA}: expected avx2 or sse4" >&2; exit 2 ;;
esac
[[ -n "${ISA:-}" ]] && echo "${LIMIT[*]}" > "$OUT/isa.txt"
JAR=target/sparksweep.jar
# Rebuild when the jar is missing or older than the code it should measure.
if [[ ! -f "$JAR" || -n "$(find pom.xml src/main -newer "$JAR" -print -quit)" ]]; then
  mvn -B -q package -DskipTests
fi

# The yardstick comes from Debian (PyPI is not reachable here): install it on first use. python3-torch alone brings
# netlib's reference BLAS, which makes PyTorch's dense layers about 5x slower; OpenBLAS is what a PyTorch user has.
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-torch >/dev/null
fi
if ! readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 | grep -q openblas; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libopenblas0-pthread >/dev/null
fi

if [[ -n "${QUICK:-}" ]]; then
  PT=(--warmup-batches 20 --window-batches 40 --windows 2)
  LENET=(--warmup 20 --window 40 --windows 2)
  VGG=(--warmup 5 --window 10 --windows 2)
  OVERHEAD=(--runs 4 --train-limit 3000 --epochs 1)
  ROUNDS=1
else
  PT=()
  # Warm-up until the JIT compiler has done its one-off work (~6 CPU-seconds per JVM, mostly in the first ~2,000
  # LeNet-5 steps): the windows then time what every later step of a sweep's run costs. The bench reports the
  # compiler's CPU seconds so far (cpu.jitSecondsSoFar) beside the windows' own CPU use.
  # Windows of 1,000 LeNet-5 steps (5-9 s) hold the young collections a run pays in its share (two runs in one JVM:
  # one every ~10 s, stopping both); windows of 200 steps caught one or none, which moved 2 x 1 by up to a fifth.
  LENET=(--warmup 2000 --window 1000 --windows 3)
  VGG=(--warmup 100 --window 40 --windows 3)
  OVERHEAD=(--runs 8 --train-limit 20000 --epochs 2)
  ROUNDS="${ROUNDS:-3}"
fi

say() { echo "# $(date +%T) $*; $(uptime | sed 's/.*load/load/')" >&2; }

pytorch() { # pytorch THREADS SIDE_BY_SIDE ROUND
  local threads="$1" side="$2" round="$3" i
  say "pytorch ${side}x${threads}"
  for i in $(seq "$side"); do
    # Some machines set OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE for old OpenBLAS builds; they slow Debian's PyTorch by
    # about a third, so PyTorch runs without them (only here: the Java side and the tests keep them).
    # glibc's malloc hands PyTorch's large freed tensors back to the kernel (mmap/munmap, heap trimming) and faults
    # fresh pages in on the next step; on a VM where page faults are dear that made PyTorch 2-3x slower and erratic.
    # Serving tensors up to 32 MB (glibc's ceiling) from the heap and never trimming it keeps freed memory in the
    # process, as the caching allocators PyTorch's CPU tuning guide recommends do: a strong, steady yardstick.
    # The Java side needs no such setting (ND4J workspaces reuse their memory; measured: no change).
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${LIMIT[@]}" OMP_NUM_THREADS="$threads" \
        GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296 /usr/bin/python3 src/bench/pytorch_bench.py --threads "$threads" "${PT[@]}" \
        > "$OUT/.pytorch.$i" &
  done
  wait
  for i in $(seq "$side"); do
    sed "s/\"framework\": \"pytorch\"/\"framework\": \"pytorch\", \"side_by_side\": $side, \"round\": $round/" "$OUT/.pytorch.$i" >> "$OUT/pytorch.jsonl"
    rm -f "$OUT/.pytorch.$i"
  done
}

# A fresh JVM per experiment: OMP_NUM_THREADS is read once, when the native library loads.
java_bench() { # java_bench MODEL RUNS THREADS [extra args...]
  local model="$1" runs="$2" threads="$3"; shift 3
  local windows=("${LENET[@]}")
  [[ "$model" == minivgg ]] && windows=("${VGG[@]}")
  say "sparksweep $model ${runs}x${threads}"
  # Like PyTorch, without the machine's OpenBLAS overrides: the launcher makes its own choice (docs/performance.md).
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${LIMIT[@]}" OMP_NUM_THREADS="$threads" java -jar "$JAR" bench throughput --model "$model" --runs "$runs" --threads "$threads" \
      --label "${model}-${runs}x${threads}" "${windows[@]}" --out "$OUT/java.jsonl" "$@" >/dev/null \
      2> >(grep -v "INFO\|^SLF4J\|WARN" >&2)
}

# Both sides move by up to 20 % between runs on this machine (PyTorch's one-thread LeNet-5: 6.9k-8.5k images/s on
# 2026-11-23; sparksweep's two mini-VGG runs side by side: 931-1,268 on 2026-11-30), so every setting is measured
# in ROUNDS interleaved rounds and the summary takes medians (one thread: the median of the rounds' ratios).
for round in $(seq "$ROUNDS"); do
  pytorch 1 1 "$round"
  java_bench lenet5 1 1
  java_bench minivgg 1 1
  pytorch 2 1 "$round"
  pytorch 1 2 "$round"
  for model in lenet5 minivgg; do
    java_bench "$model" 2 1
    java_bench "$model" 1 2
  done
done

# From the command to the first run training: JVM start (and its relaunch), Spark, data load, broadcast,
# scheduling. The first call records the class-data archive beside the jar, the second maps it (and so do
# the overhead runs below, as every run after a jar's first).
for attempt in first second; do
  say "start-up ($attempt call)"
  results="$(mktemp -d)"
  [[ "$attempt" == first ]] && rm -f target/.sparksweep.jar-*.jsa
  start="$(date +%s.%N)"
  env "${LIMIT[@]}" java -jar "$JAR" run sweeps/quickstart.yaml --results "$results" > "$OUT/.startup.log" 2>&1
  end="$(date +%s.%N)"
  java -jar "$JAR" sql --results "$results" --format csv \
      "SELECT min(unix_millis(finished_at) / 1000.0 - train_seconds) AS first_start, count(*) AS runs FROM runs" \
      2>/dev/null | tail -1 | awk -F, -v s="$start" -v e="$end" -v a="$attempt" -v d="$DAY" \
      -v m="$CPU_MODEL" \
      '{ printf "{\"date\":\"%s\",\"call\":\"%s\",\"spec\":\"sweeps/quickstart.yaml\",\"runs\":%d,\"secondsToFirstRun\":%.2f,\"wallSeconds\":%.2f,\"cpuModel\":\"%s\"}\n", d, a, $2, $1 - s, e - s, m }' \
      >> "$OUT/startup.jsonl"
  rm -rf "$results" "$OUT/.startup.log"
done

say "sweep overhead"
env "${LIMIT[@]}" java -jar "$JAR" bench overhead "${OVERHEAD[@]}" --out "$OUT/overhead.jsonl" 2>/dev/null


say "summary"
if [[ -z "${ISA:-}" ]]; then
  /usr/bin/python3 src/bench/headline.py "$OUT" --doc docs/performance.md
else
  /usr/bin/python3 src/bench/headline.py "$OUT"
fi

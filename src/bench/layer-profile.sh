#!/usr/bin/env bash
# Per-layer time of one LeNet-5 training step at one thread, sparksweep (JFR) beside PyTorch (torch.profiler), batch
# 64, forward + backward + update. Writes results/bench/<date>-<time>-layers/: java.jsonl (bench throughput),
# pytorch.jsonl, cpu.txt and layers.md (the table docs/performance.md quotes).
#   src/bench/layer-profile.sh [WARMUP_STEPS]        (needs target/sparksweep.jar and Debian's python3-torch)
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP="${1:-2000}"
JAR=target/sparksweep.jar
[[ -f "$JAR" ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
OUT="results/bench/$(date -u +%Y-%m-%d-%H%M)-layers"
mkdir -p "$OUT"
grep -m1 "model name" /proc/cpuinfo | cut -d: -f2- | sed 's/^ //' > "$OUT/cpu.txt"
uptime >> "$OUT/cpu.txt"

# PyTorch as run-all.sh runs it: OpenBLAS picks its own kernel, freed tensors stay in the process.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 \
    GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296 \
    /usr/bin/python3 src/bench/pytorch_layer_profile.py --warmup 300 --steps 600 > "$OUT/pytorch.jsonl"

# sparksweep with the options its relaunch gives a training JVM, in one JVM (so that only it records).
# layer_table.py keeps the samples of the timed windows (the last part of the recording).
OMP_NUM_THREADS=1 java -Dsparksweep.relaunched=true -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -XX:+UseParallelGC \
    "-XX:StartFlightRecording=filename=$OUT/recording.jfr,settings=$PWD/src/bench/jfr.jfc" \
    -jar "$JAR" bench throughput --model lenet5 --runs 1 --threads 1 --label lenet5-1x1-jfr \
    --warmup "$WARMUP" --window 300 --windows 3 --out "$OUT/java.jsonl" > /dev/null 2> >(grep -v "INFO\|^SLF4J\|WARN" >&2)
jfr print --stack-depth 200 --events jdk.ExecutionSample,jdk.NativeMethodSample "$OUT/recording.jfr" > "$OUT/recording.txt"
python3 src/bench/layer_table.py "$OUT/recording.txt" "$OUT/java.jsonl" "$OUT/pytorch.jsonl" | tee "$OUT/layers.md"
rm -f "$OUT/recording.txt" "$OUT/recording.jfr"   # tens of MB; rerun the script to look again

#!/usr/bin/env bash
# Per-layer time of one LeNet-5 (or mini-VGG) training step at one thread, sparksweep (JFR) beside PyTorch (torch.profiler), batch
# 64, forward + backward + update. Writes results/bench/<date>-<time>-layers/: java.jsonl (bench throughput),
# pytorch.jsonl, cpu.txt and layers.md (the table docs/performance.md quotes).
#   src/bench/layer-profile.sh [WARMUP_STEPS [MODEL]]        (MODEL lenet5 or minivgg; needs target/sparksweep.jar and Debian's python3-torch)
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP="${1:-2000}"
MODEL="${2:-lenet5}"
JAR=target/sparksweep.jar
[[ -f "$JAR" ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
OUT="results/bench/$(date -u +%Y-%m-%d-%H%M)-layers$([[ $MODEL == lenet5 ]] || echo "-$MODEL")"
mkdir -p "$OUT"
grep -m1 "model name" /proc/cpuinfo | cut -d: -f2- | sed 's/^ //' > "$OUT/cpu.txt"
uptime >> "$OUT/cpu.txt"

# PyTorch as run-all.sh runs it: OpenBLAS picks its own kernel, freed tensors stay in the process.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 \
    GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296 \
    /usr/bin/python3 src/bench/pytorch_layer_profile.py --model "$MODEL" --warmup 300 --steps 600 > "$OUT/pytorch.jsonl"

# sparksweep with the options its relaunch gives a training JVM, in one JVM (so that only it records), including the
# OpenBLAS kernel the launcher picks on AMD family 26 and later (train.BlasKernel), which ND4J's OpenBLAS does not know,
# and its malloc settings (cli.TrainingRelaunch: those PyTorch gets above, plus huge pages, which do not help PyTorch).
KERNEL=
if grep -q AuthenticAMD /proc/cpuinfo && (( $(awk -F: '/^cpu family/ {print $2 + 0; exit}' /proc/cpuinfo) >= 26 )); then
  if grep -qw avx512f /proc/cpuinfo; then KERNEL=SkylakeX; elif grep -qw avx2 /proc/cpuinfo; then KERNEL=Haswell; fi
fi
# layer_table.py keeps the samples of the timed windows (the last part of the recording).
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${KERNEL:+OPENBLAS_CORETYPE=$KERNEL} OMP_NUM_THREADS=1 \
    GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296:glibc.malloc.hugetlb=1 \
    java -Dsparksweep.relaunched=true -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -XX:+UseParallelGC \
    --add-modules=jdk.incubator.vector \
    "-XX:StartFlightRecording=filename=$OUT/recording.jfr,settings=$PWD/src/bench/jfr.jfc" \
    -jar "$JAR" bench throughput --model "$MODEL" --runs 1 --threads 1 --label "$MODEL-1x1-jfr" \
    --warmup "$WARMUP" --window 300 --windows 3 --out "$OUT/java.jsonl" > /dev/null 2> >(grep -v "INFO\|^SLF4J\|WARN" >&2)
jfr print --stack-depth 200 --events jdk.ExecutionSample,jdk.NativeMethodSample "$OUT/recording.jfr" > "$OUT/recording.txt"
python3 src/bench/layer_table.py "$OUT/recording.txt" "$OUT/java.jsonl" "$OUT/pytorch.jsonl" | tee "$OUT/layers.md"
rm -f "$OUT/recording.txt" "$OUT/recording.jfr"   # tens of MB; rerun the script to look again

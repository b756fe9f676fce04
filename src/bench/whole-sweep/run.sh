#!/usr/bin/env bash
# A whole `run` command against PyTorch doing the same training: sparksweep's 2-run x 3-epoch LeNet-5 sweep
# (whole-sweep.yaml: JVM start, Spark, data, both runs side by side, validation every epoch, test scoring, tables)
# against two 1-thread PyTorch processes that each do what one of its runs does: train 3 x 843 batches of 64, score
# the 5,995 held-out validation images after every epoch and the 10,000 test images at the end (before 2026-12-06
# PyTorch's processes evaluated nothing: the docs say which figures are which).
# ROUNDS interleaved pairs (default 3); wall and CPU seconds per side, and PyTorch's time over sparksweep's.
#
#   src/bench/whole-sweep/run.sh            # about 5 minutes on 2 quiet cores
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROUNDS="${ROUNDS:-3}"
OUT="results/bench/$(date +%F-%H%M)-whole"
JAR=target/sparksweep.jar
if ! readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 | grep -q openblas; then
  echo "PyTorch would run on the reference BLAS: run src/bench/run-all.sh once (it installs OpenBLAS)" >&2; exit 2
fi
mkdir -p "$OUT"
/usr/bin/python3 -c 'import sys; sys.path.insert(0, "src/bench"); from pytorch_bench import cpu_model; print(cpu_model())' > "$OUT/cpu.txt"
EPOCH_BATCHES=843  # 53,951 training images in batches of 64
BATCHES=$(( 3 * EPOCH_BATCHES ))
printf 'round\tside\twall_s\tcpu_s\tload_1m\n' > "$OUT/pairs.tsv"
measure() { # measure ROUND SIDE COMMAND...
  local round="$1" side="$2"; shift 2
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "%e %U %S" -o "$OUT/.time" "$@" > /dev/null 2>> "$OUT/stderr.log"
  read -r wall user sys < "$OUT/.time"
  printf '%s\t%s\t%s\t%.2f\t%s\n' "$round" "$side" "$wall" "$(echo "$user + $sys" | bc)" "$load" >> "$OUT/pairs.tsv"
}
for round in $(seq "$ROUNDS"); do
  results="$(mktemp -d)"
  # Without the machine's OpenBLAS overrides, like PyTorch: the launcher picks the kernel for this processor.
  measure "$round" sparksweep env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -jar "$JAR" run src/bench/whole-sweep/whole-sweep.yaml --results "$results"
  rm -rf "$results"
  # Same yardstick settings as run-all.sh: OpenBLAS picks its own kernel, freed tensors stay in the process.
  measure "$round" pytorch bash -c "
    for i in 1 2; do
      env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 \
          GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=4294967296 \
          /usr/bin/python3 src/bench/pytorch_bench.py --threads 1 --models lenet5 --seed \$i \
          --warmup-batches 0 --window-batches $BATCHES --windows 1 --evaluate-every $EPOCH_BATCHES &
    done
    wait"
done
rm -f "$OUT/.time"
/usr/bin/python3 - "$OUT/pairs.tsv" <<'PY' | tee "$OUT/summary.txt"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
med = lambda side, key: statistics.median(float(r[key]) for r in rows if r["side"] == side)
w, c = {s: med(s, "wall_s") for s in ("sparksweep", "pytorch")}, {s: med(s, "cpu_s") for s in ("sparksweep", "pytorch")}
print("wall s: sparksweep %.1f, PyTorch %.1f -> %.2fx; CPU s: sparksweep %.1f, PyTorch %.1f -> %.2fx (medians of %d rounds)"
      % (w["sparksweep"], w["pytorch"], w["pytorch"] / w["sparksweep"], c["sparksweep"], c["pytorch"],
         c["pytorch"] / c["sparksweep"], len(rows) // 2))
PY
echo "CPU: $(cat "$OUT/cpu.txt"); raw pairs: $OUT/pairs.tsv"

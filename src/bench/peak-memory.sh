#!/usr/bin/env bash
# Runs one sparksweep command and records the peak memory of every JVM it starts: the resident set's high-water mark
# (VmHWM, sampled every 2 s while the JVM lives) and the Java heap in use before and after each collection (from the
# JVM's own GC log). In local mode the driver and the executor are one JVM: the relaunched child of `java -jar`.
#
#   src/bench/peak-memory.sh OUT_DIR -- java -jar target/sparksweep.jar run sweeps/study-lenet5-search.yaml
#
# Calls may be repeated with the same OUT_DIR (a resumed sweep): each call appends its lines to OUT_DIR/rss.tsv and
# leaves its GC logs; `src/bench/peak-memory.sh OUT_DIR --summary` prints the peaks over all calls.
set -euo pipefail
OUT="${1:?usage: peak-memory.sh OUT_DIR -- COMMAND... | peak-memory.sh OUT_DIR --summary}"
shift
mkdir -p "$OUT"

summary() {
  echo "peak resident set per JVM (MB), over $(cut -f1 "$OUT/rss.tsv" | sort -u | wc -l) call(s):"
  sort -t$'\t' -k3,3nr "$OUT/rss.tsv" | awk -F'\t' '!seen[$2]++ { printf "  %8.0f  pid %s  %s\n", $3 / 1024, $2, $4 }' | head -8
  # GC lines look like: [..][info][gc] GC(12) Pause Young (Allocation Failure) 152M->41M(256M) 4.321ms
  cat "$OUT"/gc-*.log 2>/dev/null | sed -n 's/.* \([0-9]*\)M->\([0-9]*\)M(\([0-9]*\)M).*/\1 \2 \3/p' |
    awk '{ if ($1 > b) b = $1; if ($2 > a) a = $2; if ($3 > c) c = $3 }
         END { printf "Java heap: peak in use before a collection %d MB, after one %d MB, largest committed %d MB\n", b, a, c }'
}

if [[ "${1:-}" == "--summary" ]]; then summary; exit 0; fi
[[ "${1:-}" == "--" ]] && shift
CALL="$(date +%s)"
# %p keeps the parent's and the relaunched child's logs apart.
export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Xlog:gc:file=$OUT/gc-%p.log"
"$@" &
ROOT=$!

descendants() { # the command's process and every process below it
  local pid="$1" child
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do descendants "$child"; done
}

declare -A PEAK
while kill -0 "$ROOT" 2>/dev/null; do
  for pid in $(descendants "$ROOT"); do
    hwm="$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/"$pid"/status 2>/dev/null || true)"
    [[ -z "$hwm" ]] && continue
    if [[ -z "${PEAK[$pid]:-}" || "$hwm" -gt "${PEAK[$pid]}" ]]; then
      PEAK[$pid]="$hwm"
      # Written as it rises, so a command killed with -9 (a sweep is resumable) keeps its peak so far.
      printf '%s\t%s\t%s\t%s\n' "$CALL" "$pid" "$hwm" "$(tr '\0' ' ' < /proc/"$pid"/cmdline 2>/dev/null | cut -c1-160)" \
          >> "$OUT/rss.tsv"
    fi
  done
  sleep 2
done
set +e
wait "$ROOT"
STATUS=$?
set -e
summary >&2
exit "$STATUS"

#!/usr/bin/env python3
"""oneDNN primitive time per training step from a DNNL_VERBOSE=1 log (perf-notes.md).

DNNL_VERBOSE=1 OMP_NUM_THREADS=1 java ... BenchMain --warmup 30 --window 30 --windows 1 > log  (ONEDNN_VERBOSE is not
read by the oneDNN in nd4j-native M2.1); onednn_verbose_summary.py log 60  (60 = steps in the log)."""
import collections
import sys
steps = int(sys.argv[2])
agg = collections.defaultdict(lambda: [0, 0.0])
for line in open(sys.argv[1]):
    if not line.startswith('dnnl_verbose,exec'): continue
    p = line.strip().split(',')
    key = (p[3], p[4].split(':')[0]+':'+p[4].split(':')[-1] if ':' in p[4] else p[4], p[5], p[-2][:60])
    agg[key][0] += 1; agg[key][1] += float(p[-1])
tot = sum(v[1] for v in agg.values())
print(f"total oneDNN ms/step {tot/steps:.2f}")
for k, (n, t) in sorted(agg.items(), key=lambda kv: -kv[1][1]):
    print(f"{t/steps:6.3f} ms/step {n/steps:4.1f}/step  {k}")

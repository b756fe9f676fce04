#!/usr/bin/python3
"""Where a process's CPU time goes, by thread: samples /proc/<pid>/task/*/stat twice and prints each thread's
user+system CPU seconds in between, grouped by thread kind (GC, JIT compiler, ND4J/OpenMP, Spark, training, ...).

  /usr/bin/python3 src/bench/thread_cpu.py PID [--delay 20] [--seconds 10] [--json]

Waits --delay seconds (past start-up and warm-up), then measures over --seconds. Thread names are the kernel's
(15 characters; the JVM names its own threads, native threads inherit their creator's name unless renamed).
"""
import argparse
import json
import os
import re
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")

# First match wins; the patterns are the names HotSpot, ND4J, JavaCPP and Spark give their threads.
GROUPS = [
    ("gc", r"^(GC Thread|G1 |GC |VM Periodic|ParGC|Parallel)"),
    ("jit", r"^(C1 |C2 |CompilerThre|Sweeper)"),
    ("vm", r"^(VM Thread|Signal Dispatch|Finalizer|Reference Handl|Service Thread|Monitor Deflat|Common-Cleaner|Notification Th|Attach Listener)"),
    ("nd4j-dealloc", r"^(DeallocatorSer|JavaCPP Deallo|Deallocator)"),
    # Spark runs each training run on an "Executor task launch worker" thread; the bench on "pool-N-thread-M".
    ("train", r"^(pool-|run-|training|sweep-|ForkJoinPool|Executor task)"),
    ("spark", r"^(dispatcher-|driver-|executor|task-result|shuffle-|rpc-|netty|block-manager|spark-|SparkUI|heartbeat|dag-scheduler|context-cleaner|map-output|files-client|SparkListener|element-tracking|Timer-|qtp|Spark Context|RemoteBlock|BlockManager|kill-|Driver Heartbea|broadcast-|appclient|Executor)"),
    ("main", r"^(java|main)$"),
]


def threads(pid):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out[int(tid)] = (name, (int(fields[11]) + int(fields[12])) / TICK)
    return out


def group(name):
    for label, pattern in GROUPS:
        if re.match(pattern, name):
            return label
    return "other"


def process_cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def main():
    p = argparse.ArgumentParser()
    p.add_argument("pid", type=int)
    p.add_argument("--delay", type=float, default=0)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--json", action="store_true")
    p.add_argument("--label", default="")
    a = p.parse_args()
    time.sleep(a.delay)
    before, cpu0, t0 = threads(a.pid), process_cpu(a.pid), time.monotonic()
    time.sleep(a.seconds)
    after, cpu1, t1 = threads(a.pid), process_cpu(a.pid), time.monotonic()
    wall = t1 - t0
    rows = []
    for tid, (name, cpu) in after.items():
        delta = cpu - before.get(tid, (name, 0.0))[1]
        if delta > 0:
            rows.append((delta / wall, tid, name))
    # Threads that ended inside the window are only in the process total.
    gone = (cpu1 - cpu0) / wall - sum(r[0] for r in rows)
    by_group = {}
    for cores, _, name in rows:
        by_group[group(name)] = by_group.get(group(name), 0.0) + cores
    if gone > 0.005:
        by_group["ended-threads"] = gone
    result = {"label": a.label, "pid": a.pid, "seconds": round(wall, 1), "cores_busy": round((cpu1 - cpu0) / wall, 3),
              "by_group": {k: round(v, 3) for k, v in sorted(by_group.items(), key=lambda kv: -kv[1])},
              "threads": [{"tid": tid, "name": name, "cores": round(c, 3)} for c, tid, name in sorted(rows, reverse=True)
                          if c >= 0.002]}
    if a.json:
        print(json.dumps(result))
        return
    print(f"{a.label} pid {a.pid}: {result['cores_busy']:.3f} cores busy over {wall:.1f} s")
    for k, v in result["by_group"].items():
        print(f"  {k:14s} {v:.3f}")
    for t in result["threads"]:
        print(f"    {t['name']:18s} {t['tid']:>7d} {t['cores']:.3f}")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""The benchmark's summary: markdown tables from the JSON lines src/bench/run-all.sh wrote to one folder.

  /usr/bin/python3 src/bench/headline.py results/bench/2026-11-23-0100 [--doc docs/performance.md]

Writes <folder>/summary.md; with --doc also replaces that markdown file's text between the
"<!-- bench:begin -->" and "<!-- bench:end -->" lines with the same tables (the manual's performance chapter).
"""
import argparse
import json
import os
import platform
import re
import statistics
import sys

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
MODELS = [("lenet5", "LeNet-5"), ("minivgg", "mini-VGG")]


def lines(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def median_or_none(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def pytorch_rows(rows, model, threads, side_by_side=1):
    return [r for r in rows if r["model"] == model and r["threads"] == threads
            and r.get("side_by_side", 1) == side_by_side]


def pytorch_rate(rows, model, threads, side_by_side=1):
    """images/s of all processes together (side by side: the sum of the processes' medians; one process measured
    in several rounds: the median round)."""
    picked = pytorch_rows(rows, model, threads, side_by_side)
    if not picked:
        return None, None
    by_round = {}
    for i, r in enumerate(picked):
        # Older runs recorded no round: their side-by-side processes are consecutive lines.
        by_round.setdefault(r.get("round", i // side_by_side), []).append(r["images_per_sec_median"])
    return statistics.median(sum(rates) for rates in by_round.values()), max(r["load_avg_1m"] for r in picked)


def rounds_note(count):
    return f" (median of {count} rounds)" if count > 1 else ""


def java_rows(rows, model, runs, threads):
    return [r for r in rows if r["model"] == model and r["config"]["runs"] == runs
            and r["config"]["threadsPerRun"] == threads]


def java_rate(rows, model, runs, threads):
    """images/s of all runs together; measured in several rounds: the median round."""
    picked = java_rows(rows, model, runs, threads)
    if not picked:
        return None, None
    return (statistics.median(r["aggregateImagesPerSec"] for r in picked),
            max(r["loadAverageBefore"] for r in picked))


def paired_ratios(torch, java, model):
    """sparksweep / PyTorch for each interleaved one-thread round, in run order."""
    pt = [r["images_per_sec_median"] for r in pytorch_rows(torch, model, 1)]
    jv = [r["aggregateImagesPerSec"] for r in java_rows(java, model, 1, 1)]
    return [j / p for j, p in zip(jv, pt) if p]


def per_cpu_second(torch, java, model):
    """One thread, per CPU-second: each side's images per second of its process's CPU time, and the median of the
    rounds' ratios. Counts what a run costs the machine: on N cores, CPU time one run spends beyond its one core
    (compiler, collector, helper threads) is taken from the other runs."""
    pt = pytorch_rows(torch, model, 1)
    jv = java_rows(java, model, 1, 1)
    pt_rates = [r["images_per_sec_median"] / r["cores_busy"] for r in pt if r.get("cores_busy")]
    jv_rates = [r["imagesPerCpuSecond"] for r in jv]
    pairs = [j / p for j, p in zip(jv_rates, pt_rates) if p]
    busy_pt = median_or_none(r.get("cores_busy") for r in pt)
    busy_jv = median_or_none(r.get("cpuCoresBusy") for r in jv)
    cpu = [r["cpu"] for r in jv if r.get("cpu")]
    parts = ""
    if cpu:
        parts = " (" + ", ".join(f"{name} {median_or_none(c[key] for c in cpu):.2f}" for key, name in
                                 [("training", "training"), ("jit", "JIT"), ("gc", "GC"), ("other", "other")]) + ")"
    return (median_or_none(pt_rates), busy_pt, median_or_none(jv_rates), busy_jv, parts, pairs,
            median_or_none(c.get("jitSecondsSoFar") for c in cpu))


def cpu_table(torch, java):
    out = ["| model | PyTorch images/CPU-s (cores busy) | sparksweep images/CPU-s (cores busy: by thread kind) "
           "| ratio | target |", "|---|---|---|---|---|"]
    jit = []
    for model, title in MODELS:
        pt, busy_pt, jv, busy_jv, parts, pairs, jit_total = per_cpu_second(torch, java, model)
        if pt is None and jv is None:
            continue
        r = statistics.median(pairs) if pairs else ratio(jv, pt)
        shown = fmt(r, 2) + (f" (pairs: {', '.join(fmt(p, 2) for p in pairs)})" if len(pairs) > 1 else "")
        target = verdict(r, 1.0) if model == "lenet5" else ("ahead" if r is not None and r >= 1.0 else "behind")
        out.append(f"| {title} | {fmt(pt)} ({fmt(busy_pt, 2)}) | {fmt(jv)} ({fmt(busy_jv, 2)}{parts}) | {shown} "
                   f"| {target} |")
        if jit_total is not None:
            jit.append(f"{title} {jit_total:.1f}")
    note = ("JIT compilation is a one-off cost per JVM, mostly spent before the timed windows: its CPU seconds from "
            "JVM start to the end of timing were " + ", ".join(jit) + " (median of the rounds).") if jit else ""
    return "\n".join(out), note


def machine(torch, java, folder):
    """Which processor the figures come from: the JSON lines' own record, else run-all.sh's cpu.txt."""
    models = sorted({r["cpuModel"] for r in java if r.get("cpuModel")} | {r["cpu_model"] for r in torch if r.get("cpu_model")})
    name = " / ".join(models) if models else cpu_model(folder)
    isa = os.path.join(folder, "isa.txt")
    if os.path.exists(isa):
        with open(isa) as f:
            name += ", both sides held to an older instruction set (" + f.read().strip() + ")"
    return name


def fmt(v, digits=0):
    if v is None:
        return "-"
    return f"{v:,.{digits}f}"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def verdict(r, target, stretch=None):
    if r is None:
        return "-"
    if stretch is not None and r >= stretch:
        return f"{target}: met, stretch {stretch} met"
    return f"{target}: {'met' if r >= target else 'not met'}"


def throughput(torch, java):
    out = ["| model, setting | PyTorch 1.13 | sparksweep | ratio | target |", "|---|---|---|---|---|"]
    loads = []
    for model, title in MODELS:
        pt1, l1 = pytorch_rate(torch, model, 1)
        pt2, l2 = pytorch_rate(torch, model, 2)
        j11, l3 = java_rate(java, model, 1, 1)
        j21, l4 = java_rate(java, model, 2, 1)
        loads += [l1, l2, l3, l4]
        r2 = ratio(j21, pt2)
        pairs = paired_ratios(torch, java, model)
        r1 = statistics.median(pairs) if pairs else ratio(j11, pt1)
        shown = fmt(r1, 2) + (f" (pairs: {', '.join(fmt(p, 2) for p in pairs)})" if len(pairs) > 1 else "")
        rounds = rounds_note(len(pairs))
        rounds2 = rounds_note(len(java_rows(java, model, 2, 1)))
        out.append(f"| {title}, one run, 1 thread | {fmt(pt1)}{rounds} | {fmt(j11)}{rounds} | {shown} "
                   f"| {verdict(r1, 0.7)} |")
        out.append(f"| {title}, sweep on 2 cores | {fmt(pt2)} (2 threads){rounds2} | {fmt(j21)} (2 runs x 1 thread)"
                   f"{rounds2} | {fmt(r2, 2)} | {verdict(r2, 0.8, 1.0)} |")
        pts, _ = pytorch_rate(torch, model, 1, 2)
        r3 = ratio(j21, pts)
        if pts is not None:
            out.append(f"| {title}, sweep on 2 cores | {fmt(pts)} (2 processes x 1 thread){rounds2} | {fmt(j21)} "
                       f"(2 runs x 1 thread){rounds2} | {fmt(r3, 2)} | "
                       f"{verdict(r3, 1.1) if model == 'lenet5' else '-'} |")
    loads = [l for l in loads if l is not None]
    note = f"Load average (1 min) when these started: {min(loads):.1f}-{max(loads):.1f}." if loads else ""
    return "\n".join(out), note


def pytorch_setup(torch):
    """How PyTorch ran: its OpenBLAS kernel and malloc settings, as each JSON line recorded them."""
    cores = sorted({r["blas_core"] for r in torch if r.get("blas_core")})
    tunables = sorted({r["glibc_tunables"] for r in torch if r.get("glibc_tunables")})
    parts = []
    if cores:
        parts.append("OpenBLAS kernel " + "/".join(cores))
    parts.append("malloc `GLIBC_TUNABLES=" + "/".join(tunables) + "` (keeps freed tensors in the process)"
                 if tunables else "glibc's default malloc")
    return ", ".join(parts)


def parallelism(torch, java):
    out = ["| model | 1 run x 1 thread | 2 runs x 1 thread | 1 run x 2 threads | faster on 2 cores "
           "| PyTorch 2 processes x 1 thread |", "|---|---|---|---|---|---|"]
    for model, title in MODELS:
        j11, _ = java_rate(java, model, 1, 1)
        j21, _ = java_rate(java, model, 2, 1)
        j12, _ = java_rate(java, model, 1, 2)
        pts, _ = pytorch_rate(torch, model, 1, 2)
        faster = "-" if j21 is None or j12 is None else ("2x1" if j21 >= j12 else "1x2")
        out.append(f"| {title} | {fmt(j11)} | {fmt(j21)} | {fmt(j12)} | {faster} | {fmt(pts)} |")
    return "\n".join(out)


def overhead(rows):
    if not rows:
        return "(not measured)"
    r = rows[-1]
    return (f"{r['runs']} LeNet-5 runs, {r['parallelism']} side by side: plain loop {r['loopSeconds']:.1f} s "
            f"(mean of the loop before and after the engine), Spark engine {r['engineSeconds']:.1f} s: "
            f"**{r['overheadPercent']:+.1f} %**. Inside the engine: first run starts {r['firstRunSeconds']:.2f} s "
            f"after the call; runs' own training time {r['engineRunSeconds']:.1f} s vs "
            f"{r['loopRunSeconds']:.1f} s in the loop; writing the Parquet tables after the last run "
            f"{r['tailSeconds']:.1f} s. Load {r['loadAverage']:.1f}.")


def startup(rows):
    if not rows:
        return "(not measured)"
    out = ["| call | from `run` to the first run training | whole command (24 runs + ranking) |", "|---|---|---|"]
    for r in rows:
        what = ("first (records the class-data archive at exit)" if r["call"] == "first"
                else "second (maps the archive)")
        out.append(f"| {what} | {r['secondsToFirstRun']:.1f} s | {r['wallSeconds']:.1f} s |")
    return "\n".join(out)


def cpu_model(folder):
    """The CPU model run-all.sh recorded when it measured (cpu.txt); older folders have none."""
    path = os.path.join(folder, "cpu.txt")
    if not os.path.exists(path):
        return "CPU model not recorded"
    with open(path) as f:
        return f.read().strip() or "CPU model not recorded"


def summary(folder):
    torch, java = lines(folder, "pytorch.jsonl"), lines(folder, "java.jsonl")
    table, note = throughput(torch, java)
    cpu, cpu_note = cpu_table(torch, java)
    day = os.path.basename(os.path.normpath(folder))[:10]
    jvm = java[-1].get("jvm", "") if java else ""
    return "\n".join([
        f"Measured {day} by `src/bench/run-all.sh` on {os.cpu_count()} cores of an **{machine(torch, java, folder)}** "
        f"({platform.machine()}, {jvm}); raw JSON lines in `{folder}/`. {note} Ratios to PyTorch depend on the "
        "processor: compare figures from the same machine only.",
        "",
        "**Training throughput** (images/s, full Fashion-MNIST, batch 64, median timed window after warm-up; "
        "sparksweep trains the sweep's own `lenet5`/`minivgg` family networks with the trainer's settings; "
        "PyTorch 1.13 from Debian's `python3-torch`, its BLAS capped to the stated threads, "
        + pytorch_setup(torch) + "; one thread: "
        "PyTorch and sparksweep measured alternately in rounds, the ratio is the median of the rounds' ratios):",
        "",
        table,
        "",
        "**One thread, per CPU-second** (images per second of the whole process's CPU time, same rounds; what a run "
        "costs the machine, whatever else it shares the cores with):",
        "",
        cpu,
        "",
        cpu_note,
        "",
        "**Parallelism** (images/s, all runs together). The engine runs one ND4J thread per task and as many "
        "tasks as cores (`spark.task.cpus=1`, `OMP_NUM_THREADS=1`), i.e. 2x1 here; on N cores, N x 1.",
        "",
        parallelism(torch, java),
        "",
        "**Sweep overhead** (`bench overhead`): " + overhead(lines(folder, "overhead.jsonl")),
        "",
        "**Start-up** (`java -jar target/sparksweep.jar run sweeps/quickstart.yaml`, embedded local Spark):",
        "",
        startup(lines(folder, "startup.jsonl")),
    ])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("--doc", help="markdown file whose bench:begin ... bench:end block is replaced")
    args = p.parse_args()
    text = summary(args.folder)
    with open(os.path.join(args.folder, "summary.md"), "w") as f:
        f.write(text + "\n")
    print(text)
    if args.doc:
        with open(args.doc) as f:
            doc = f.read()
        if BEGIN not in doc or END not in doc:
            sys.exit(f"{args.doc}: no '{BEGIN}' ... '{END}' block to replace")
        block = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
        doc = block.sub(lambda _: BEGIN + "\n" + text + "\n" + END, doc)
        with open(args.doc, "w") as f:
            f.write(doc)


if __name__ == "__main__":
    main()

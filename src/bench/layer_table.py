#!/usr/bin/env python3
"""Side-by-side per-layer table of one LeNet-5 or mini-VGG training step, sparksweep (JFR) against PyTorch (torch.profiler).

  layer_table.py RECORDING.txt JAVA.jsonl PYTORCH.jsonl      (what layer-profile.sh writes; prints Markdown)

sparksweep's rows: the training thread's JFR samples inside MultiLayerNetwork.fit by layer code
(jfr_step_breakdown.py), scaled to that thread's CPU milliseconds per step in the same bench run (its `cpu.training`
cores over its images/s). PyTorch's rows: pytorch_layer_profile.py's, already in CPU milliseconds per step."""
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jfr_step_breakdown  # noqa: E402

ORDER = ["conv forward", "conv backward", "batch norm forward", "batch norm backward", "ELU forward", "ELU backward",
         "ReLU forward", "ReLU backward", "dropout",
         "max-pool forward", "max-pool backward", "dense forward", "dense backward", "output layer + loss",
         "updater (Adam)", "other"]


def java_row(category):
    if category.startswith("batch norm forward"):
        return "batch norm forward"
    if category.startswith("updater"):
        return "updater (Adam)"
    if category.startswith("ELU"):
        return category.replace(" (activation layers)", "")
    return category if category in ORDER else "other"


def frames_of(lines):
    """`jfr print` frame lines ("pkg.Type$Inner.method(args) line: N") as jfr_step_breakdown's (Type, method, line)."""
    out = []
    for text in lines:
        head, _, tail = text.partition("(")
        owner, _, method = head.rpartition(".")
        line = tail.rpartition("line: ")[2]
        out.append((owner.split(".")[-1], method, int(line) if line.isdigit() else None))
    return out


def timed_samples(path, share):
    """The training thread's stacks inside fit from the last `share` of the recording's fit time: the timed windows
    (the warm-up's slower, still compiling steps come first and take more than their share of the time). Reads
    `jfr print` text line by line: its JSON form of a minute's recording is over a gigabyte."""
    events, thread, start, stack, frames = [], "", "", False, []
    for raw in open(path):
        text = raw.strip()
        if text.startswith("startTime = "):
            start = text[len("startTime = "):]
        elif text.startswith("sampledThread = "):
            thread = text
        elif text == "stackTrace = [":
            stack, frames = True, []
        elif stack and text == "]":
            stack = False
            parsed = frames_of(frames)
            if "pool-" in thread and any(m == "fit" and t == "MultiLayerNetwork" for t, m, l in parsed):
                events.append((start, parsed))
        elif stack and text != "...":
            frames.append(text)
    events.sort(key=lambda e: e[0])
    keep = events[int(len(events) * (1 - share)):]
    return [frames for _, frames in keep]


def main():
    recording, java_lines, torch_lines = sys.argv[1:4]
    java = [json.loads(l) for l in open(java_lines) if l.strip()][-1]
    cfg = java["config"]
    timed = cfg["windowBatches"] * cfg["windows"]
    timed_share = timed / (timed + cfg["warmupBatches"])
    py = [json.loads(l) for l in open(torch_lines) if l.strip()][-1]
    java_ms = 64_000 * java["cpu"]["training"] / java["aggregateImagesPerSec"]
    samples = timed_samples(recording, timed_share)
    counts = collections.Counter(java_row(jfr_step_breakdown.category(s)) for s in samples)
    j = {k: v / len(samples) * java_ms for k, v in counts.items()}
    p = collections.Counter()
    for k, v in py["rows_ms"].items():
        p[k if k in ORDER else "other"] += v
    print(f"| part of the step (batch 64) | sparksweep ms | PyTorch {py['version']} ms | sparksweep - PyTorch |")
    print("|---|---|---|---|")
    for k in ORDER:
        print(f"| {k} | {j.get(k, 0):.2f} | {p.get(k, 0):.2f} | {j.get(k, 0) - p.get(k, 0):+.2f} |")
    print(f"| **step, CPU ms** | **{java_ms:.2f}** | **{py['ms_per_step_cpu']:.2f}** | {java_ms - py['ms_per_step_cpu']:+.2f} |")
    print()
    print(f"CPU: {java.get('cpuModel')} / {py.get('cpu_model')}; JFR samples in fit: {len(samples)}; "
          f"sparksweep {java['aggregateImagesPerSec']:.0f} images/s, training thread {java['cpu']['training']:.2f} cores, "
          f"process {java['imagesPerCpuSecond']:.0f} images per CPU-second; PyTorch {64_000 / py['ms_per_step_cpu']:.0f} images per CPU-second; "
          f"load average {java.get('loadAverageBefore')} / {py.get('load_avg_1m')}.")


if __name__ == "__main__":
    main()

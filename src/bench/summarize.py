#!/usr/bin/python3
"""Markdown tables from the JSON lines that BenchMain and pytorch_bench.py append.

  /usr/bin/python3 src/bench/summarize.py results/bench/2026-11-22-java.jsonl [--since 23:04]

Repeated labels (interleaved repeats) are listed in order and then summarised by their median.
"""
import argparse
import json
import statistics
import sys
from collections import OrderedDict


def java_rows(lines):
    rows = []
    for r in lines:
        c = r["config"]
        threads = r["runs"][0].get("threads")
        rows.append(OrderedDict([
            ("label", c["label"] or "-"),
            ("model", r["model"]),
            ("runs x threads", "%dx%d" % (c["runs"], c["threadsPerRun"])),
            ("OMP startup cap", threads["startupCap"] if isinstance(threads, dict) else "?"),
            ("helpers", r["runs"][0]["helpers"]),
            ("images/s (all runs)", round(r["aggregateImagesPerSec"])),
            ("per-run medians", " + ".join(str(round(x["medianImagesPerSec"])) for x in r["runs"])),
            ("images/cpu-s", round(r.get("imagesPerCpuSecond", 0))),
            ("cores busy", r["cpuCoresBusy"]),
            ("load before", round(r["loadAverageBefore"], 1)),
        ]))
    return rows


def pytorch_rows(lines):
    return [OrderedDict([
        ("model", r["model"]), ("threads", r["threads"]), ("images/s (median window)", r["images_per_sec_median"]),
        ("windows", ", ".join(str(round(x)) for x in r["windows_images_per_sec"])),
        ("load", r["load_avg_1m"])]) for r in lines]


def table(rows):
    if not rows:
        return ""
    keys = list(rows[0].keys())
    out = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    out += ["| " + " | ".join(str(r[k]) for k in keys) + " |" for r in rows]
    return "\n".join(out)


def medians_by_label(rows):
    groups = OrderedDict()
    for r in rows:
        groups.setdefault((r["label"], r["model"]), []).append(r)
    out = []
    for (label, model), rs in groups.items():
        if len(rs) < 2:
            continue
        out.append(OrderedDict([
            ("label", label), ("model", model), ("n", len(rs)),
            ("median images/s", round(statistics.median(r["images/s (all runs)"] for r in rs))),
            ("median images/cpu-s", round(statistics.median(r["images/cpu-s"] for r in rs))),
            ("loads", ", ".join(str(r["load before"]) for r in rs))]))
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("files", nargs="+")
    p.add_argument("--labels", help="comma-separated labels to keep")
    args = p.parse_args()
    keep = set(args.labels.split(",")) if args.labels else None
    java, torch = [], []
    for f in args.files:
        with open(f) as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line)
                if r.get("framework") == "pytorch":
                    torch.append(r)
                elif keep is None or r["config"]["label"] in keep:
                    java.append(r)
    if torch:
        print(table(pytorch_rows(torch)) + "\n")
    rows = java_rows(java)
    if rows:
        print(table(rows) + "\n")
        med = medians_by_label(rows)
        if med:
            print(table(med) + "\n")


if __name__ == "__main__":
    sys.exit(main())

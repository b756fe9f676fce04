#!/usr/bin/python3
"""Where one PyTorch LeNet-5 (or mini-VGG) training step goes, by layer type (forward, backward, Adam), with torch.profiler.

The yardstick for sparksweep's JFR breakdown (layer-profile.sh): the same network, batch and optimizer as
pytorch_bench.py, one thread. Each top-level profiler event of the training thread (an aten op of the forward
pass, an autograd node of the backward pass, the optimizer's step) is put in one row; the rows' shares of the
profiled time are scaled to the milliseconds per step of an unprofiled stretch of the same process (CPU time),
so the profiler's own overhead does not inflate the figures. Prints one JSON line.

  OMP_NUM_THREADS=1 /usr/bin/python3 src/bench/pytorch_layer_profile.py --steps 300
"""
import argparse
import collections
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pytorch_bench  # noqa: E402  (sets the BLAS thread limits before torch loads)
import torch  # noqa: E402

# The same row names as jfr_step_breakdown.LAYER_ROWS, so that the two sides line up.
ROWS = [
    ("ConvolutionBackward", "conv backward"), ("conv2d", "conv forward"), ("convolution", "conv forward"),
    ("BatchNormBackward", "batch norm backward"), ("batch_norm", "batch norm forward"),
    # ReLU before ELU: "relu" contains "elu".
    ("ReluBackward", "ReLU backward"), ("relu", "ReLU forward"),
    ("EluBackward", "ELU backward"), ("elu", "ELU forward"),
    ("NativeDropoutBackward", "dropout"), ("dropout", "dropout"),
    ("MaxPool2DWithIndicesBackward", "max-pool backward"), ("max_pool2d", "max-pool forward"),
    ("LogSoftmaxBackward", "output layer + loss"), ("NllLossBackward", "output layer + loss"),
    ("cross_entropy", "output layer + loss"), ("item", "output layer + loss"),
    ("AddmmBackward", "dense backward"), ("TBackward", "dense backward"), ("linear", "dense forward"),
    ("Optimizer.step", "updater (Adam)"), ("AccumulateGrad", "updater (Adam)"),
]


def row(name):
    for key, label in ROWS:
        if key in name:
            return label
    return "other (loop, zero_grad, flatten, autograd engine)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "fashion-mnist"))
    parser.add_argument("--model", default="lenet5", choices=sorted(pytorch_bench.MODELS))
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--steps", type=int, default=300, help="steps timed without the profiler, then profiled")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    images = pytorch_bench.read_idx(os.path.join(args.data, "train-images-idx3-ubyte.gz"))
    labels = pytorch_bench.read_idx(os.path.join(args.data, "train-labels-idx1-ubyte.gz"))
    images = torch.from_numpy(images.astype("float32") / 255.0).unsqueeze(1)
    labels = torch.from_numpy(labels.astype("int64"))
    torch.manual_seed(args.seed)
    model = pytorch_bench.MODELS[args.model]()
    run = pytorch_bench.training_steps(model, images, labels, args.batch)

    run(args.warmup)
    cpu = time.process_time()
    run(args.steps)
    ms_per_step = (time.process_time() - cpu) * 1000 / args.steps
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
        run(args.steps)
    totals = collections.Counter()
    names = collections.Counter()
    for e in prof.events():
        if e.cpu_parent is None:
            totals[row(e.name)] += e.cpu_time_total
            names[e.name] += e.cpu_time_total
    profiled = sum(totals.values())
    print(json.dumps({
        "framework": "pytorch", "version": torch.__version__, "model": args.model, "batch": args.batch,
        "threads": torch.get_num_threads(), "steps": args.steps, "ms_per_step_cpu": round(ms_per_step, 3),
        "profiled_ms_per_step": round(profiled / 1000 / args.steps, 3),
        "rows_ms": {k: round(v / profiled * ms_per_step, 3) for k, v in totals.most_common()},
        "top_level_events_us_per_step": {k: round(v / args.steps, 1) for k, v in names.most_common()},
        "cpu_model": pytorch_bench.cpu_model(), "blas_core": pytorch_bench.blas_core(),
        "glibc_tunables": os.environ.get("GLIBC_TUNABLES"), "load_avg_1m": round(os.getloadavg()[0], 2),
    }), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Training throughput of the sweep's reference models in PyTorch, the yardstick for the DL4J numbers.

Same architectures, data, batch size and optimizer as io.sparksweep.bench (LeNet-5 with BN+ELU, mini-VGG),
read from the same gzipped IDX files. Prints one JSON line per model with the median images/s over
timing windows that follow a warm-up window.

PyTorch comes from Debian (apt-get install python3-torch), so run it with /usr/bin/python3: a pyenv
python3 on PATH has no torch.

  /usr/bin/python3 src/bench/pytorch_bench.py --threads 1
  /usr/bin/python3 src/bench/pytorch_bench.py --threads 2 --models lenet5 --windows 5
"""
import argparse
import gzip
import json
import os
import statistics
import struct
import sys
import time



def _limit_native_threads():
    # torch.set_num_threads alone left the process using both cores at "1 thread": the system OpenBLAS that
    # numpy and Debian's torch load keeps its own spinning thread pool (measured 1.99 cores busy). BLAS and
    # OpenMP read these variables once, at load, so they must be set before numpy or torch is imported.
    for i, arg in enumerate(sys.argv):
        if arg == "--threads" and i + 1 < len(sys.argv):
            n = sys.argv[i + 1]
        elif arg.startswith("--threads="):
            n = arg.split("=", 1)[1]
        else:
            continue
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = n
        return
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"


_limit_native_threads()
import numpy as np  # noqa: E402  (numpy loads the BLAS too: after the thread limits above)
import torch  # noqa: E402
from torch import nn  # noqa: E402


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def lenet5():
    # Mirrors io.sparksweep.bench.BenchModels.lenet5: conv(Same)-BN-ELU-pool, conv(valid)-BN-ELU-pool,
    # dense 120 ELU, dense 84 ELU, softmax (inside CrossEntropyLoss). 61,750 trainable (DL4J also counts the 44 BN running statistics: 61,794) parameters.
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.BatchNorm2d(6), nn.ELU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.BatchNorm2d(16), nn.ELU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.ELU(),
        nn.Linear(120, 84), nn.ELU(),
        nn.Linear(84, 10))


def minivgg():
    # Mirrors io.sparksweep.bench.BenchModels.miniVgg: 3x3 Same ReLU convs 32,32,pool,64,64,pool,
    # dense 512 ReLU, dropout 0.5, softmax.
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(),
        nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(),
        nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * 7 * 7, 512), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(512, 10))


MODELS = {"lenet5": lenet5, "minivgg": minivgg}


def training_steps(model, images, labels, batch):
    """A function that trains `model` for a given number of Adam steps on consecutive batches of `images`, wrapping
    around; what both benches time, so they time the same step."""
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    n_batches = images.shape[0] // batch
    step = 0

    def run(count):
        nonlocal step
        for _ in range(count):
            i = step % n_batches
            x = images[i * batch:(i + 1) * batch]
            y = labels[i * batch:(i + 1) * batch]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            # DL4J computes the score every iteration; reading it here keeps the comparison fair.
            loss.item()
            step += 1

    return run


def scoring(model, images, labels, batch=1000):
    """A function that scores `model` on `images` in inference mode (mean loss and accuracy), in batches of 1,000 as
    the sweep's validation and test passes do."""
    loss_fn = nn.CrossEntropyLoss(reduction="sum")

    def score():
        model.eval()
        correct, loss = 0, 0.0
        with torch.no_grad():
            for i in range(0, images.shape[0], batch):
                out = model(images[i:i + batch])
                loss += loss_fn(out, labels[i:i + batch]).item()
                correct += (out.argmax(1) == labels[i:i + batch]).sum().item()
        model.train()
        return {"loss": round(loss / images.shape[0], 4), "accuracy": round(correct / images.shape[0], 4)}

    return score


def bench(name, images, labels, args, test_set=None):
    torch.manual_seed(args.seed)
    model = MODELS[name]()
    order = torch.randperm(images.shape[0], generator=torch.Generator().manual_seed(args.seed))
    images, labels = images[order].contiguous(), labels[order].contiguous()
    batch = args.batch
    evaluated = None
    if args.evaluate_every:
        # What a sweep's run does besides training: hold out a validation split, score it every epoch, score the
        # test set at the end.
        held_out = round(images.shape[0] * args.validation_fraction)
        validate = scoring(model, images[-held_out:], labels[-held_out:])
        images, labels = images[:-held_out], labels[:-held_out]
        evaluated = {"every_batches": args.evaluate_every, "validation_images": held_out, "validations": []}
    run = training_steps(model, images, labels, batch)
    if evaluated:
        train, done = run, [0]

        def run(count):
            for _ in range(count):
                train(1)
                done[0] += 1
                if done[0] % args.evaluate_every == 0:
                    evaluated["validations"].append(validate())

    run(args.warmup_batches)
    rates = []
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    for _ in range(args.windows):
        start = time.perf_counter()
        run(args.window_batches)
        rates.append(args.window_batches * batch / (time.perf_counter() - start))
    if evaluated:
        test_images, test_labels = test_set
        evaluated["test_images"] = test_images.shape[0]
        evaluated["test"] = scoring(model, test_images, test_labels)()
    # Process CPU time over wall time: shows how many cores the run really kept busy.
    cores_busy = (time.process_time() - cpu_start) / (time.perf_counter() - wall_start)
    return {
        "framework": "pytorch",
        "version": torch.__version__,
        "model": name,
        "params": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "threads": torch.get_num_threads(),
        "batch": batch,
        "warmup_batches": args.warmup_batches,
        "window_batches": args.window_batches,
        "windows": args.windows,
        "windows_images_per_sec": [round(r, 1) for r in rates],
        "images_per_sec_median": round(statistics.median(rates), 1),
        "cores_busy": round(cores_busy, 2),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "blas_core": blas_core(),
        "aten_cpu_capability": aten_capability(),
        "dnnl_max_cpu_isa": os.environ.get("DNNL_MAX_CPU_ISA"),
        "cpu_model": cpu_model(),
        "glibc_tunables": os.environ.get("GLIBC_TUNABLES"),
        "evaluated": evaluated,
    }


def cpu_model():
    """The processor with its family, model and widest vector unit (the format of sparksweep's bench): a VM often
    names only the vendor line ("AMD EPYC"), and two such machines can differ by a generation and AVX-512."""
    try:
        info = {}
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip():
                    break
                key, _, value = line.partition(":")
                info[key.strip()] = value.strip()
        flags = " %s " % info.get("flags", "")
        vector = "AVX-512" if " avx512f " in flags else "AVX2, no AVX-512" if " avx2 " in flags else "no AVX2"
        if "model name" in info:
            return "%s (family %s, model %s; %s)" % (info["model name"], info.get("cpu family"), info.get("model"), vector)
    except OSError:
        pass
    import platform
    return platform.machine()


def aten_capability():
    """The instruction set ATen's own kernels dispatch to ("AVX2", "AVX512", "NO AVX"; ATEN_CPU_CAPABILITY can lower it)."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return None


def blas_core():
    """The OpenBLAS kernel this process runs (OPENBLAS_CORETYPE can force an older one), or None."""
    import ctypes
    for name in ("libopenblas.so.0", "libblas.so.3"):
        try:
            corename = ctypes.CDLL(name).openblas_get_corename
        except (OSError, AttributeError):
            continue
        corename.restype = ctypes.c_char_p
        return corename().decode()
    return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="intra-op threads (torch.set_num_threads)")
    parser.add_argument("--models", default="lenet5,minivgg", help="comma-separated: " + ",".join(MODELS))
    parser.add_argument("--data", default=os.path.join(here, "..", "..", "data", "fashion-mnist"))
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--warmup-batches", type=int, default=100)
    parser.add_argument("--window-batches", type=int, default=200)
    parser.add_argument("--windows", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--evaluate-every", type=int, default=0, metavar="BATCHES",
                        help="score a held-out validation split every BATCHES training batches (an epoch) and the "
                             "test set at the end, as a sweep's run does; the timed windows include it")
    parser.add_argument("--validation-fraction", type=float, default=0.1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    images = read_idx(os.path.join(args.data, "train-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(args.data, "train-labels-idx1-ubyte.gz"))
    images = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    labels = torch.from_numpy(labels.astype(np.int64))
    test_set = None
    if args.evaluate_every:
        test_images = read_idx(os.path.join(args.data, "t10k-images-idx3-ubyte.gz"))
        test_labels = read_idx(os.path.join(args.data, "t10k-labels-idx1-ubyte.gz"))
        test_set = (torch.from_numpy(test_images.astype(np.float32) / 255.0).unsqueeze(1),
                    torch.from_numpy(test_labels.astype(np.int64)))
    for name in args.models.split(","):
        if name not in MODELS:
            sys.exit("unknown model " + name + "; known: " + ",".join(MODELS))
        print(json.dumps(bench(name, images, labels, args, test_set)), flush=True)


if __name__ == "__main__":
    main()

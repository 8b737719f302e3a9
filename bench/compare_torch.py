#!/usr/bin/python3
"""PyTorch's side of bench/compare: the same cases as the Java side (same ids),
timed by the same method (Timing.java), single-threaded, written as JSON.

Run it through bench/compare, which starts it with --serve and asks for each case
just before measuring ours, so both sides of a case run under the same load. By hand:
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/compare_torch.py [--quick] --out torch.json
With --device cuda it runs the GPU cases instead (CudaCases.java's twins), on a torch built
with CUDA; every timed call ends with torch.cuda.synchronize().

Method, as Timing.java: calibrate k (at least doubling until one batch of k calls
lasts >= rep_s), warm up for warmup_s, calibrate again, time `reps` batches, keep the median,
min and max time per call, and the mean process CPU time per call over the
timed batches. Batches are
timed with timeit, so the loop costs only a few tens of ns per call (no lambda
call around the statement).
"""
import argparse
import ctypes
import json
import os
import platform
import sys
import time
import timeit

# OpenBLAS reads its thread count when it is loaded: set it before torch loads it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

SETTINGS = {
    "full": {"warmup_s": 2.0, "rep_s": 0.05, "reps": 11},
    "quick": {"warmup_s": 1.0, "rep_s": 0.01, "reps": 5},
}


def tensor_cases(torch):
    """Issue 2's tensor-core cases: TensorCases.java."""
    cases = []

    def add(id_, setup, stmt):
        cases.append((id_, setup, stmt))

    add("op10_add", lambda: {"a": torch.randn(10), "b": torch.randn(10)}, "a + b")
    for n, e in ((1_000_000, "1e6"), (10_000_000, "1e7")):
        add("add_" + e, lambda n=n: {"a": torch.randn(n), "b": torch.randn(n)}, "a + b")
        add("mul_" + e, lambda n=n: {"a": torch.randn(n), "b": torch.randn(n)}, "a * b")
        add("exp_" + e, lambda n=n: {"a": torch.randn(n)}, "a.exp()")
    add("sum_256x784_dim1", lambda: {"x": torch.randn(256, 784)}, "x.sum(1)")
    add("sum_256x784_dim0", lambda: {"x": torch.randn(256, 784)}, "x.sum(0)")
    add("var_dim0_256x784", lambda: {"x": torch.randn(256, 784)}, "x.var(0)")
    add("std_dim1_256x784", lambda: {"x": torch.randn(256, 784)}, "x.std(1)")
    return cases


def matmul_cases(torch):
    """Issue 2's matrix products: MatmulCases.java."""
    cases = []
    for id_, (m, k, n) in (("sgemm_1024", (1024, 1024, 1024)), ("mm_64x784x10", (64, 784, 10)),
                           ("mm_256x784x30", (256, 784, 30)), ("mm_256x784x1", (256, 784, 1))):
        cases.append((id_, lambda m=m, k=k, n=n: {"a": torch.randn(m, k), "b": torch.randn(k, n)}, "a @ b"))
    return cases


def autograd_cases(torch):
    """Issue 3's MLP step: AutogradCases.java. Gradients are cleared with set_to_none=True, as
    our zeroGrad does (torch 2's default; 1.13's default zeroes them instead)."""
    nn = torch.nn

    def mlp():
        return nn.Sequential(nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 10), nn.LogSoftmax(1))

    def step_setup():
        model = mlp()
        opt = torch.optim.Adam(model.parameters(), 1e-3)
        crit = nn.NLLLoss()
        x, y = torch.randn(64, 784), torch.randint(0, 10, (64,))

        def step():
            loss = crit(model(x), y)
            loss.backward()
            opt.step()
            opt.zero_grad(set_to_none=True)
            return loss
        return {"step": step}

    def fwd_bwd_setup():
        model = mlp()
        crit = nn.NLLLoss()
        x, y = torch.randn(64, 784), torch.randint(0, 10, (64,))

        def step():
            loss = crit(model(x), y)
            loss.backward()
            model.zero_grad(set_to_none=True)
            return loss
        return {"step": step}

    return [("mlp_step", step_setup, "step()"), ("mlp_fwd_bwd", fwd_bwd_setup, "step()")]


def kernel_cases(torch):
    """Issue 16's kernel cases: KernelCases.java (log_softmax over rows, ReLU's backward, one Adam
    step over the MLP 784-100-10's parameters with fixed random gradients)."""
    nn = torch.nn

    def relu_bwd():
        x, g = torch.randn(64, 100, requires_grad=True), torch.randn(64, 100)

        def step():
            y = x.relu()
            y.backward(g)
            x.grad = None
            return y
        return {"step": step}

    def adam():
        model = nn.Sequential(nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 10), nn.LogSoftmax(1))
        for p in model.parameters():
            p.grad = torch.randn(p.shape)
        return {"opt": torch.optim.Adam(model.parameters(), 1e-3)}

    return [("log_softmax_64x10", lambda: {"x": torch.randn(64, 10), "F": torch.nn.functional},
             "F.log_softmax(x, 1)"),
            ("log_softmax_256x784", lambda: {"x": torch.randn(256, 784), "F": torch.nn.functional},
             "F.log_softmax(x, 1)"),
            ("sigmoid_256x784", lambda: {"x": torch.randn(256, 784)}, "x.sigmoid()"),
            ("log_256x784", lambda: {"x": torch.randn(256, 784).abs()}, "x.log()"),
            ("tanh_256x784", lambda: {"x": torch.randn(256, 784)}, "x.tanh()"),
            ("softplus_256x784", lambda: {"x": torch.randn(256, 784), "F": torch.nn.functional},
             "F.softplus(x)"),
            ("relu_bwd_64x100", relu_bwd, "step()"),
            ("adam_mlp", adam, "opt.step()")]


def conv_cases(torch):
    """Issue 17's conv layer forward+backward: ConvCases.java (3x3, stride 2, padding 1, batch 64, 28x28)."""
    nn = torch.nn

    def setup(cin, cout):
        def make():
            layer = nn.Conv2d(cin, cout, 3, 2, 1)
            x = torch.randn(64, cin, 28, 28, requires_grad=True)

            def step():
                loss = layer(x).sum()
                loss.backward()
                layer.zero_grad(set_to_none=True)
                x.grad = None
                return loss
            return {"step": step}
        return make

    return [("conv_1to8", setup(1, 8), "step()"), ("conv_8to16", setup(8, 16), "step()")]


def cnn_cases(torch):
    """Issue 17's CNN epoch: CnnCases.java (lesson 05's batch-norm CNN on the full MNIST training
    set, batch 128, randperm, cross-entropy, Adam 1e-3)."""
    import course_data
    nn = torch.nn

    def block(ni, nf, ks, act):
        layers = [nn.Conv2d(ni, nf, ks, 2, ks // 2), nn.BatchNorm2d(nf)]
        if act:
            layers.append(nn.ReLU())
        return nn.Sequential(*layers)

    def make():
        images, labels = course_data._raw(torch, "train")
        x = ((images.float() / 255 - 0.1307) / 0.3081).unsqueeze(1)
        y = labels.long()
        torch.manual_seed(42)
        model = nn.Sequential(block(1, 8, 5, True), block(8, 16, 3, True), block(16, 32, 3, True),
                              block(32, 64, 3, True), block(64, 10, 3, False), nn.Flatten())
        opt = torch.optim.Adam(model.parameters(), 1e-3)
        crit = nn.CrossEntropyLoss()
        n = x.shape[0]

        def epoch():
            perm = torch.randperm(n)
            for i in range(0, n, 128):
                idx = perm[i:i + 128]
                loss = crit(model(x[idx]), y[idx])
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
            return loss
        return {"epoch": epoch}

    return [("cnn_epoch", make, "epoch()")]


def training_cases(torch):
    """Issue 4's course epochs on the real MNIST: TrainingCases.java, step for step. Each case
    has a fourth element, the accuracy check (a fresh model, seed 0, trained for the epochs
    TrainingCases gives), run once before the timing."""
    import course_data
    nn = torch.nn

    def mnist_loss(predictions, targets):
        p = predictions.sigmoid()
        return torch.where(targets == 1, 1 - p, p).mean()

    def ch4_linear():
        d = course_data.ch4(torch)
        w = torch.randn(784, 1).requires_grad_()
        b = torch.randn(1).requires_grad_()
        n = d["x"].shape[0]

        def predict(xb):
            return xb @ w + b

        def epoch():
            x, y = d["x"], d["y"]
            for i in range(0, n, 256):
                loss = mnist_loss(predict(x[i:i + 256]), y[i:i + 256])
                loss.backward()
                for p in (w, b):
                    p.data -= p.grad * 1.0
                    p.grad.zero_()
            return loss
        return epoch, predict

    def simple_net():
        d = course_data.ch4(torch)
        model = nn.Sequential(nn.Linear(784, 30), nn.ReLU(), nn.Linear(30, 1))
        opt = torch.optim.SGD(model.parameters(), 0.1)
        n = d["x"].shape[0]

        def epoch():
            x, y = d["x"], d["y"]
            for i in range(0, n, 256):
                loss = mnist_loss(model(x[i:i + 256]), y[i:i + 256])
                loss.backward()
                opt.step()
                opt.zero_grad(set_to_none=True)
            return loss
        return epoch, model

    def ch4_accuracy(predict):
        d = course_data.ch4(torch)
        with torch.no_grad():
            return ((predict(d["x_valid"]).sigmoid() > 0.5).float() == d["y_valid"].float()).float().mean().item()

    def l8(make_model):
        def make():
            d = course_data.lesson8(torch)
            model = make_model()
            opt = torch.optim.Adam(model.parameters(), 1e-3)
            crit = nn.NLLLoss()
            n = d["x"].shape[0]

            def epoch():
                x, y = d["x"], d["y"]
                perm = torch.randperm(n)
                for i in range(0, n, 64):
                    idx = perm[i:i + 64]
                    loss = crit(model(x[idx]), y[idx])
                    opt.zero_grad(set_to_none=True)
                    loss.backward()
                    opt.step()
                return loss
            return epoch, model

        def accuracy():
            torch.manual_seed(0)
            epoch, model = make()
            epoch()
            d = course_data.lesson8(torch)
            with torch.no_grad():
                return (model(d["x_valid"]).argmax(1) == d["y_valid"]).float().mean().item()
        return (lambda: {"epoch": make()[0]}), accuracy

    def trained(make, epochs, acc):
        def run():
            torch.manual_seed(0)
            epoch, model = make()
            for _ in range(epochs):
                epoch()
            return acc(model)
        return run

    l8_linear = l8(lambda: nn.Sequential(nn.Linear(784, 10), nn.LogSoftmax(1)))
    l8_mlp = l8(lambda: nn.Sequential(nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 10), nn.LogSoftmax(1)))
    return [
        ("ch4_linear_epoch", lambda: {"epoch": ch4_linear()[0]}, "epoch()", trained(ch4_linear, 20, ch4_accuracy)),
        ("ch4_simplenet_epoch", lambda: {"epoch": simple_net()[0]}, "epoch()", trained(simple_net, 40, ch4_accuracy)),
        ("l8_linear_epoch", l8_linear[0], "epoch()", l8_linear[1]),
        ("l8_mlp_epoch", l8_mlp[0], "epoch()", l8_mlp[1]),
    ]


def cuda_cases(torch):
    """bench/compare --device cuda: CudaCases.java's twins on 'cuda'. Every timed statement ends
    with torch.cuda.synchronize(), since GPU calls return before the GPU is done."""
    import course_data
    nn = torch.nn
    dev = torch.device("cuda", 0)
    # Full float32 products: TF32 would round the inputs to 10-bit mantissas (torch 1.12+ default
    # is off for matmul; set it anyway, the comparison depends on it).
    torch.backends.cuda.matmul.allow_tf32 = False

    def gpu_split():
        d = course_data.lesson8(torch)
        return {k: v.to(dev) for k, v in d.items()}

    def mlp():
        return nn.Sequential(nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 10), nn.LogSoftmax(1))

    def make():
        d = gpu_split()
        model = mlp().to(dev)
        opt = torch.optim.Adam(model.parameters(), 1e-3)
        crit = nn.NLLLoss()
        n = d["x"].shape[0]

        def epoch():
            x, y = d["x"], d["y"]
            perm = torch.randperm(n, device=dev)
            for i in range(0, n, 64):
                idx = perm[i:i + 64]
                loss = crit(model(x[idx]), y[idx])
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
            torch.cuda.synchronize()
            return loss
        return epoch, model, d

    def accuracy():
        torch.manual_seed(0)
        epoch, model, d = make()
        epoch()
        with torch.no_grad():
            return (model(d["x_valid"]).argmax(1) == d["y_valid"]).float().mean().item()

    n = 4096

    def sgemm():
        return {"a": torch.randn(n, n, device=dev), "b": torch.randn(n, n, device=dev),
                "sync": torch.cuda.synchronize}

    return [
        ("cuda_l8_mlp_epoch", lambda: {"epoch": make()[0]}, "epoch()", accuracy),
        ("cuda_sgemm_%d" % n, sgemm, "a @ b; sync()"),
    ]


def all_cases(torch, device="cpu"):
    """Every group, in CaseGroups.java's order, with the same ids as their Java twins (the GPU
    cases, CudaCases.java's, with device cuda)."""
    if device == "cuda":
        return cuda_cases(torch)
    return (tensor_cases(torch) + matmul_cases(torch) + autograd_cases(torch) + kernel_cases(torch)
            + conv_cases(torch) + cnn_cases(torch) + training_cases(torch))


def calibrate(timer, k, rep_s):
    """The smallest k (from k, at least doubling) whose batch lasts rep_s or more."""
    while True:
        dt = timer.timeit(k)
        if dt >= rep_s:
            return k
        guess = int(k * 1.1 * rep_s / max(dt, 1e-9))
        k = max(2 * k, min(100 * k, guess))


def measure(stmt, env, s):
    timer = timeit.Timer(stmt, globals=env)
    k = calibrate(timer, 1, s["rep_s"])
    end = time.perf_counter() + s["warmup_s"]
    while True:
        timer.timeit(k)
        if time.perf_counter() >= end:
            break
    k = calibrate(timer, k, s["rep_s"])
    c0 = time.process_time_ns()
    per = sorted(timer.timeit(k) / k * 1e9 for _ in range(s["reps"]))
    cpu = (time.process_time_ns() - c0) / (k * s["reps"])
    return {"median_ns": median(per), "min_ns": per[0], "max_ns": per[-1], "cpu_mean_ns": cpu,
            "calls_per_rep": k, "reps": len(per)}


def median(v):
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


class Contention:
    """Cores used by other processes while we ran (Contention.java does the same)."""

    def __init__(self):
        self.busy0, self.self0, self.t0 = self._busy(), self._self(), time.perf_counter()

    @staticmethod
    def _busy():
        try:
            f = open("/proc/stat").readline().split()
            return sum(int(f[i]) for i in (1, 2, 3, 6, 7, 8))
        except OSError:
            return None

    @staticmethod
    def _self():
        t = os.times()
        return round((t.user + t.system) * 100)

    def other_cores(self):
        busy = self._busy()
        if busy is None or self.busy0 is None:
            return None
        other = ((busy - self.busy0) - (self._self() - self.self0)) / 100.0
        return max(0.0, other / (time.perf_counter() - self.t0))


def blas_libraries():
    libs = set()
    try:
        for line in open("/proc/self/maps"):
            if "/" in line and "blas" in line.lower():
                libs.add(line[line.index("/"):].strip())
    except OSError:
        pass
    return sorted(libs)


# The OpenBLAS torch's matmul calls (found by environment()), so set_threads reaches its pool too.
OPENBLAS = {"lib": None}


def openblas(libs):
    """Sets OpenBLAS to 1 thread (as benchlib does) and returns its config string, or None."""
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_set_num_threads(1)
            OPENBLAS["lib"] = lib
            return lib.openblas_get_config().decode(), lib.openblas_get_num_threads()
        except (OSError, AttributeError):
            continue
    return None, None


def cuda_environment(torch):
    """The GPU side of torch's setup: CUDA version, the GPU, whether matmul may use TF32."""
    return {
        "cuda": torch.version.cuda,
        "gpu": torch.cuda.get_device_name(0),
        "allow_tf32": torch.backends.cuda.matmul.allow_tf32,
        "cudnn": torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None,
    }


def no_cuda_reason(torch):
    """Why torch cannot run the GPU cases, or None when it can."""
    if torch.version.cuda is None:
        return "torch %s is built without CUDA (a CPU-only build)" % torch.__version__
    if not torch.cuda.is_available():
        return ("torch %s is built with CUDA %s but sees no GPU (torch.cuda.is_available() is False: no NVIDIA "
                "driver or device here)" % (torch.__version__, torch.version.cuda))
    return None


def environment(torch):
    """torch's setup as this process really runs it: version, threads, the BLAS it loaded."""
    torch.set_num_threads(1)
    torch.manual_seed(0)
    torch.randn(64, 64) @ torch.randn(64, 64)  # loads the BLAS so /proc/self/maps shows it
    libs = blas_libraries()
    config, blas_threads = openblas(libs)
    env = {
        "torch": torch.__version__,
        "python": platform.python_version(),
        "executable": sys.executable,
        "torch_threads": torch.get_num_threads(),
        "blas_libraries": libs,
        "openblas_config": config,
        "openblas_threads": blas_threads,
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
        "cpu_capability": next((l.split(":", 1)[1].strip() for l in torch.__config__.show().splitlines()
                                if "CPU capability usage" in l), None),
    }
    try:
        import numpy
        env["numpy"] = numpy.__version__
    except ImportError:
        env["numpy"] = None
    if config is None:
        print("warning: torch is not using OpenBLAS (BLAS libraries loaded: %s); its matmul figures are not the "
              "anchor the targets assume. Install libopenblas0-pthread (apt-get install libopenblas0-pthread)."
              % (libs or "none found"), file=sys.stderr)
    return env


def set_threads(n):
    """torch's threads (its intra-op pool) and OpenBLAS's (its matmul), as Parallel.setNumThreads does ours."""
    import torch
    torch.set_num_threads(n)
    if OPENBLAS["lib"] is not None:
        OPENBLAS["lib"].openblas_set_num_threads(n)


def measure_case(case, s, threads=1):
    """Times one case on `threads` threads; a training case (a fourth element) first runs its accuracy
    check (single-threaded runs only: the model is the same)."""
    setup, stmt = case[1], case[2]
    accuracy = case[3]() if len(case) > 3 and threads == 1 else None
    contention = Contention()
    set_threads(threads)
    try:
        r = measure(stmt, setup(), s)
    finally:
        set_threads(1)
    r["other_processes_cores"] = contention.other_cores()
    r["threads"] = threads
    if accuracy is not None:
        r["accuracy"] = accuracy
    return r


def serve(cases, env, s):
    """Answers 'measure ID [THREADS]' lines on stdin with one JSON line each, until 'quit' or end of input.
    bench/compare's Java side drives this, so torch and ours measure each case back to back,
    under the same load: on a shared machine that keeps the ratios honest."""
    by_id = {c[0]: c for c in cases}
    print(json.dumps({"env": env, "method": s, "ids": list(by_id)}), flush=True)
    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "quit":
            break
        if cmd[0] != "measure" or len(cmd) not in (2, 3) or (len(cmd) == 3 and not cmd[2].isdigit()):
            reply = {"error": "unknown command %r: expected 'measure ID [THREADS]' or 'quit'" % line.strip()}
        elif cmd[1] not in by_id:
            reply = {"id": cmd[1], "error": "no case %r; the cases: %s" % (cmd[1], ", ".join(by_id))}
        else:
            threads = int(cmd[2]) if len(cmd) == 3 else 1
            reply = dict(measure_case(by_id[cmd[1]], s, max(1, threads)), id=cmd[1])
        print(json.dumps(reply), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="short warm-up and few repeats: a smoke run")
    p.add_argument("--only", help="comma-separated case ids")
    p.add_argument("--device", choices=("cpu", "cuda"), default="cpu",
                   help="cuda: the GPU cases (CudaCases.java's twins), on a torch built with CUDA")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--out", help="measure every case, write the results to this JSON file")
    g.add_argument("--serve", action="store_true", help="measure cases on request (stdin/stdout, JSON lines)")
    a = p.parse_args()
    try:
        import torch
    except ImportError as e:
        sys.exit("PyTorch is not installed for %s (%s). Install: apt-get install python3-torch python3-numpy "
                 "libopenblas0-pthread" % (sys.executable, e))
    if a.device == "cuda":
        why = no_cuda_reason(torch)
        if why:
            print("compare_torch.py --device cuda: %s (%s). Nothing was measured; give bench/compare a python whose "
                  "torch has CUDA, on a machine with an NVIDIA GPU: PYTHON=/path/to/python bench/compare --device cuda"
                  % (why, sys.executable), file=sys.stderr)
            sys.exit(2)
    env = environment(torch)
    if a.device == "cuda":
        env.update(cuda_environment(torch))
    s = SETTINGS["quick" if a.quick else "full"]
    only = set(a.only.split(",")) if a.only else None
    cases = [c for c in all_cases(torch, a.device) if only is None or c[0] in only]
    if a.serve:
        serve(cases, env, s)
        return
    contention = Contention()
    results = {}
    for case in cases:
        results[case[0]] = measure_case(case, s)
        print("  torch %-18s %12.0f ns" % (case[0], results[case[0]]["median_ns"]), file=sys.stderr, flush=True)
    doc = {"side": "torch", "device": a.device, "mode": "quick" if a.quick else "full", "method": s, "env": env,
           "contention": {"other_processes_cores": contention.other_cores()}, "cases": results}
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=1)


if __name__ == "__main__":
    main()

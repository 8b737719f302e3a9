"""The real MNIST for compare_torch.py's training cases, built exactly as the Java side's
CourseData does (PERF-BASELINE 1a and 1b), from the same IDX files: WORKBOOK_DATA/mnist/
when that is set, else data/mnist/ in the repository (./workbook data fetches it).

- ch4(torch): fast.ai chapter 4's 3s and 7s; training = MNIST train's 6131 threes then
  6265 sevens (unshuffled), pixels / 255, flattened to 784, target 1 for a 3 (int64 [n, 1]);
  validation = MNIST test's 1010 + 1028.
- lesson8(torch): the ML course's split, first 50,000 / last 10,000 of MNIST train,
  normalised with the training images' scalar mean and std.
Each is loaded once and kept."""
import gzip
import os
import struct

_cache = {}


def data_dir():
    root = os.environ.get("WORKBOOK_DATA") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
    d = os.path.join(root, "mnist")
    if not os.path.isdir(d):
        raise SystemExit("MNIST is not here: no folder %s. Fetch it with ./workbook data (or set WORKBOOK_DATA to "
                         "the folder that holds mnist/)." % os.path.abspath(d))
    return d


def read_idx(torch, name):
    """An IDX file as a uint8 tensor, its magic number and sizes checked."""
    path = os.path.join(data_dir(), name)
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise SystemExit("%s is not an unsigned-byte IDX file (bad magic number); refetch with ./workbook data" % path)
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    start = 4 + 4 * ndim
    count = 1
    for n in dims:
        count *= n
    if len(raw) - start != count:
        raise SystemExit("%s: its header says %s (%d bytes) but it holds %d; refetch with ./workbook data"
                         % (path, "x".join(map(str, dims)), count, len(raw) - start))
    return torch.frombuffer(bytearray(raw[start:]), dtype=torch.uint8).reshape(dims)


def _raw(torch, split):
    key = "raw_" + split
    if key not in _cache:
        prefix = "train" if split == "train" else "t10k"
        _cache[key] = (read_idx(torch, prefix + "-images-idx3-ubyte"), read_idx(torch, prefix + "-labels-idx1-ubyte"))
    return _cache[key]


def ch4(torch):
    if "ch4" not in _cache:
        d = {}
        for split, suffix in (("train", ""), ("valid", "_valid")):
            images, labels = _raw(torch, split)
            threes = images[labels == 3].float() / 255
            sevens = images[labels == 7].float() / 255
            d["x" + suffix] = torch.cat([threes, sevens]).view(-1, 28 * 28).contiguous()
            d["y" + suffix] = torch.tensor([1] * len(threes) + [0] * len(sevens)).unsqueeze(1)
        _cache["ch4"] = d
    return _cache["ch4"]


def lesson8(torch):
    if "lesson8" not in _cache:
        images, labels = _raw(torch, "train")
        x = images.view(-1, 28 * 28).float() / 256  # the course's pickle scales by 1/256, as MnistPkl does
        train, valid = x[:50000], x[50000:]
        mean, std = train.mean().item(), train.std().item()
        _cache["lesson8"] = {"x": (train - mean) / std, "y": labels[:50000].long(),
                             "x_valid": (valid - mean) / std, "y_valid": labels[50000:].long()}
    return _cache["lesson8"]

#!/usr/bin/python3
"""Silhouette benchmark helper for bench/silhouette.sh: writes the workloads, and times scikit-learn on them.

    silhouette_sklearn.py gen DATA_DIR N D K SEED      writes sil-N-D.{meta,f64,labels.i32}
    silhouette_sklearn.py time DATA_DIR NAME REPS      times silhouette_score(x, labels), one JSON line per rep

A workload is K Gaussian blobs (unit spread, centres drawn uniformly in [-4, 4]^D, so the blobs overlap and the
silhouette is moderate, not near 1) with the blob of each row as its label: a fixed labelling, so only the index
is timed. Data raw little-endian float64 row-major (NAME.f64), labels int32 (NAME.labels.i32). The time is that of
sklearn.metrics.silhouette_score(x, labels) (exact, Euclidean, default chunking by working_memory=1024 MB) after
one untimed call on the first 2,000 rows (imports, first-call costs). Run with Debian's python3 (python3-sklearn
1.2.1).
"""
import json, os, sys, time

import numpy as np


def gen(data, n, d, k, seed):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-4, 4, size=(k, d))
    labels = rng.integers(0, k, n).astype("<i4")
    x = (centres[labels] + rng.normal(0, 1, size=(n, d))).astype("<f8")
    name = "sil-%d-%d" % (n, d)
    os.makedirs(data, exist_ok=True)
    x.tofile(os.path.join(data, name + ".f64"))
    labels.tofile(os.path.join(data, name + ".labels.i32"))
    with open(os.path.join(data, name + ".meta"), "w") as f:
        f.write("n=%d\nd=%d\nk=%d\nseed=%d\n" % (n, d, k, seed))
    print(name)


def load(data, name):
    meta = dict(line.strip().split("=", 1) for line in open(os.path.join(data, name + ".meta")) if "=" in line)
    n, d = int(meta["n"]), int(meta["d"])
    x = np.fromfile(os.path.join(data, name + ".f64"), dtype="<f8").reshape(n, d)
    labels = np.fromfile(os.path.join(data, name + ".labels.i32"), dtype="<i4")
    assert len(labels) == n
    return x, labels


def peak_rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return 0.0


def timing(data, name, reps):
    import sklearn
    from sklearn.metrics import silhouette_score
    x, labels = load(data, name)
    silhouette_score(x[:2000], labels[:2000])  # warm-up, untimed
    for rep in range(reps):
        t0 = time.perf_counter()
        s = silhouette_score(x, labels)
        dt = time.perf_counter() - t0
        print(json.dumps({"contender": "sklearn-" + sklearn.__version__, "workload": name, "rep": rep,
                          "n": len(x), "d": x.shape[1], "seconds": dt, "silhouette": float(s),
                          "peak_rss_mb": peak_rss_mb()}))
        sys.stdout.flush()


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif sys.argv[1] == "time":
        timing(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit("usage: silhouette_sklearn.py gen DATA_DIR N D K SEED | time DATA_DIR NAME REPS")

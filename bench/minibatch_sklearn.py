#!/usr/bin/python3
"""scikit-learn contender for bench/minibatch.sh: MiniBatchKMeans on one k-means workload, one fit per seed.

Usage: minibatch_sklearn.py DATA_DIR NAME SEEDS [BATCH_SIZE [N_INIT]]     (SEEDS: 0-9 or 0,3,7)

Fits MiniBatchKMeans(n_clusters=k, batch_size=1024, n_init=3, random_state=seed) (k from NAME.meta; the other
parameters at scikit-learn 1.2.1's defaults: max_iter=100, tol=0, max_no_improvement=10, init_size=3*batch_size,
reassignment_ratio=0.01, compute_labels=True) after one untimed warm-up fit (random_state=1000). Times the fit
alone and prints one JSON line per seed with the fields of MiniBatchBench: seconds, inertia (inertia_: every row
to the final centres), objective (the same sum recomputed after the clock stops with bench_sklearn.py's formula),
steps (n_steps_), n_iter. Needs Debian's python3 with python3-sklearn.
"""
import json, os, sys, time, warnings

import numpy as np
import sklearn
from sklearn.cluster import MiniBatchKMeans

warnings.filterwarnings("ignore")


def seeds(spec):
    out = []
    for part in spec.split(","):
        if "-" in part[1:]:
            a, b = part.split("-", 1)
            out.extend(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return out


def sse(x, c):
    tot = 0.0
    cc = (c * c).sum(1)
    for s in range(0, len(x), 65536):
        b = x[s:s + 65536]
        dd = (b * b).sum(1)[:, None] - 2.0 * b @ c.T + cc[None, :]
        tot += np.maximum(dd, 0).min(1).sum()
    return tot


def main():
    data, name, spec = sys.argv[1], sys.argv[2], sys.argv[3]
    batch = int(sys.argv[4]) if len(sys.argv) > 4 else 1024
    n_init = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    meta = dict(line.strip().split("=", 1) for line in open(os.path.join(data, name + ".meta")) if "=" in line)
    n, d, k = int(meta["n"]), int(meta["d"]), int(meta["k"])
    x = np.fromfile(os.path.join(data, name + ".f64"), dtype="<f8").reshape(n, d)

    def fit(seed):
        return MiniBatchKMeans(n_clusters=k, batch_size=batch, n_init=n_init, random_state=seed).fit(x)

    fit(1000)  # warm-up, untimed
    for seed in seeds(spec):
        t0 = time.perf_counter()
        m = fit(seed)
        dt = time.perf_counter() - t0
        rss = 0
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM"):
                rss = int(line.split()[1]) // 1024
        print(json.dumps({"contender": "sklearn", "version": sklearn.__version__,
                          "runtime": "python " + sys.version.split()[0], "workload": name, "seed": seed,
                          "batch_size": batch, "n_init": n_init, "seconds": dt, "inertia": float(m.inertia_),
                          "objective": float(sse(x, m.cluster_centers_)), "steps": int(m.n_steps_),
                          "n_iter": int(m.n_iter_), "peak_rss_mb": rss}), flush=True)


main()

#!/usr/bin/python3
"""t-SNE benchmark helper for bench/tsne.sh: writes the workload, and times scikit-learn's Barnes-Hut t-SNE on it.

    tsne_sklearn.py gen DATA_DIR N D K SEED      writes tsne-N-D.{meta,f64}
    tsne_sklearn.py time DATA_DIR NAME REPS      times TSNE(...).fit_transform(x), one JSON line per rep

A workload is K Gaussian blobs in D dimensions (unit spread, centres drawn uniformly in [-4, 4]^D), raw
little-endian float64 row-major (NAME.f64). The timed call is sklearn.manifold.TSNE(n_components=2,
random_state=0) with scikit-learn 1.2.1's defaults (perplexity 30, Barnes-Hut, angle 0.5, init "pca",
learning_rate "auto", 1,000 iterations), all threads (OpenMP), fit only (no file reading, no import). Each line
holds the seconds, the final KL divergence and the iterations. Run with Debian's python3 (python3-sklearn 1.2.1).
"""
import json, os, sys, time

import numpy as np


def gen(data, n, d, k, seed):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-4, 4, size=(k, d))
    labels = rng.integers(0, k, n)
    x = (centres[labels] + rng.normal(0, 1, size=(n, d))).astype("<f8")
    name = "tsne-%d-%d" % (n, d)
    os.makedirs(data, exist_ok=True)
    x.tofile(os.path.join(data, name + ".f64"))
    with open(os.path.join(data, name + ".meta"), "w") as f:
        f.write("n=%d\nd=%d\nk=%d\nseed=%d\n" % (n, d, k, seed))
    print(name)


def load(data, name):
    meta = dict(line.strip().split("=", 1) for line in open(os.path.join(data, name + ".meta")) if "=" in line)
    n, d = int(meta["n"]), int(meta["d"])
    return np.fromfile(os.path.join(data, name + ".f64"), dtype="<f8").reshape(n, d)


def time_it(data, name, reps):
    import resource
    import sklearn
    from sklearn.manifold import TSNE
    x = load(data, name)
    for _ in range(reps):
        t0 = time.perf_counter()
        tsne = TSNE(n_components=2, random_state=0)
        tsne.fit_transform(x)
        seconds = time.perf_counter() - t0
        print(json.dumps({"contender": "sklearn " + sklearn.__version__, "workload": name, "seconds": seconds,
                          "kl_divergence": float(tsne.kl_divergence_), "n_iter": int(tsne.n_iter_),
                          "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}),
              flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif sys.argv[1] == "time":
        time_it(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit("usage: tsne_sklearn.py gen DATA_DIR N D K SEED | time DATA_DIR NAME REPS")

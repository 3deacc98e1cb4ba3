#!/usr/bin/env python3
"""Peers of bench/hierarchical.sh: fastcluster 1.2.3 and scikit-learn 1.2.1 (Debian's python3-fastcluster and
python3-sklearn), and the check of Cumulo's linkage matrices against fastcluster's.

  gen FILE N D K SEED            seeded Gaussian blobs (unit spread, centres uniform in [-10, 10]^D) as .npy
  fastcluster FILE LINKAGE REPS [vector]   time fastcluster.linkage (or linkage_vector); one JSON line per fit
  sklearn FILE LINKAGE K REPS    time AgglomerativeClustering(K, linkage=LINKAGE).fit
  compare FILE LINKAGE Z.npy     Cumulo's linkage matrix against fastcluster's: max relative height difference,
                                 whether the merges are the same; one JSON line
Every timed fit comes after one untimed fit in the same process, except with REPS negative (|REPS| fits, none
untimed: the large inputs).
"""
import json
import sys
import time

import numpy as np


def load(path):
    return np.ascontiguousarray(np.load(path), dtype=np.float64)


def timed(fn, reps):
    if reps > 0:
        fn()
    out = []
    for _ in range(abs(reps)):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main(argv):
    cmd = argv[1]
    if cmd == "gen":
        path, n, d, k, seed = argv[2], int(argv[3]), int(argv[4]), int(argv[5]), int(argv[6])
        rng = np.random.default_rng(seed)
        c = rng.uniform(-10, 10, size=(k, d))
        x = c[rng.integers(0, k, size=n)] + rng.normal(0, 1.0, size=(n, d))
        np.save(path, x)
    elif cmd == "fastcluster":
        import fastcluster
        x = load(argv[2])
        linkage, reps = argv[3], int(argv[4])
        vector = len(argv) > 5 and argv[5] == "vector"
        fn = (lambda: fastcluster.linkage_vector(x, method=linkage)) if vector else \
            (lambda: fastcluster.linkage(x, method=linkage))
        for s in timed(fn, reps):
            print(json.dumps({"contender": "fastcluster" + ("-vector" if vector else ""), "linkage": linkage,
                              "rows": x.shape[0], "seconds": s}))
    elif cmd == "sklearn":
        from sklearn.cluster import AgglomerativeClustering
        x = load(argv[2])
        linkage, k, reps = argv[3], int(argv[4]), int(argv[5])
        for s in timed(lambda: AgglomerativeClustering(n_clusters=k, linkage=linkage).fit(x), reps):
            print(json.dumps({"contender": "sklearn", "linkage": linkage, "rows": x.shape[0], "seconds": s}))
    elif cmd == "compare":
        import fastcluster
        x = load(argv[2])
        linkage = argv[3]
        z = np.load(argv[4])
        ref = fastcluster.linkage(x, method=linkage) if x.shape[0] <= 30_000 else \
            fastcluster.linkage_vector(x, method=linkage)
        rel = np.max(np.abs(z[:, 2] - ref[:, 2]) / np.maximum(np.abs(ref[:, 2]), 1e-300))
        same = bool(np.array_equal(z[:, [0, 1, 3]], ref[:, [0, 1, 3]]))
        print(json.dumps({"linkage": linkage, "rows": x.shape[0], "max_rel_height_diff": float(rel),
                          "same_merges": same}))
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)

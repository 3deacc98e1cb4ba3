#!/usr/bin/python3
"""scikit-learn contender of bench/pca.sh: PCA(K, svd_solver="full") on a shared-benchmark workload.

Usage: bench/pca_sklearn.py DATA_DIR NAME REPS
One untimed warm-up fit, then REPS timed fits; one JSON line each with the seconds (fit only) and the
explained-variance ratios written with repr() (exact float64), which bench/pca.sh compares with Cumulo's.
"""
import json, os, resource, sys, time
import numpy as np
import sklearn
from sklearn.decomposition import PCA

DATA, NAME, REPS = sys.argv[1], sys.argv[2], int(sys.argv[3])
meta = dict(l.strip().split("=", 1) for l in open(os.path.join(DATA, NAME + ".meta")) if "=" in l)
n, d, k = int(meta["n"]), int(meta["d"]), int(meta["components"])
x = np.fromfile(os.path.join(DATA, NAME + ".f64"), dtype="<f8").reshape(n, d)
PCA(k, svd_solver="full").fit(x)
for r in range(REPS):
    t0 = time.perf_counter()
    m = PCA(k, svd_solver="full").fit(x)
    t = time.perf_counter() - t0
    print(json.dumps({"contender": "sklearn-" + sklearn.__version__, "workload": NAME, "rep": r, "n": n, "d": d,
                      "components": k, "seconds": t, "ratios": [float(v) for v in m.explained_variance_ratio_],
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    sys.stdout.flush()

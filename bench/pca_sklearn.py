#!/usr/bin/python3
"""scikit-learn contender of bench/pca.sh: PCA(K, svd_solver="full") on a shared-benchmark workload.

Usage: bench/pca_sklearn.py DATA_DIR NAME REPS [full|randomized]
       bench/pca_sklearn.py gen-wide DATA_DIR      (writes pcawide: 20,000 x 2,000, rank-50 signal + noise, seeded)
One untimed warm-up fit, then REPS timed fits; one JSON line each with the seconds (fit only) and the
explained-variance ratios written with repr() (exact float64), which bench/pca.sh compares with Cumulo's.
"""
import json, os, resource, sys, time
import numpy as np
import sklearn
from sklearn.decomposition import PCA

if sys.argv[1] == "gen-wide":
    rng = np.random.default_rng(6)
    n, d, r = 20_000, 2_000, 50
    q, _ = np.linalg.qr(rng.normal(size=(d, r)))
    x = (rng.normal(size=(n, r)) * (10.0 / np.sqrt(np.arange(1, r + 1)))) @ q.T + rng.normal(0, 0.5, size=(n, d))
    x.astype("<f8").tofile(os.path.join(sys.argv[2], "pcawide.f64"))
    with open(os.path.join(sys.argv[2], "pcawide.meta"), "w") as f:
        f.write("n=%d\nd=%d\ncomponents=10\n" % (n, d))
    sys.exit(0)
DATA, NAME, REPS = sys.argv[1], sys.argv[2], int(sys.argv[3])
SOLVER = sys.argv[4] if len(sys.argv) > 4 else "full"
meta = dict(l.strip().split("=", 1) for l in open(os.path.join(DATA, NAME + ".meta")) if "=" in l)
n, d, k = int(meta["n"]), int(meta["d"]), int(meta["components"])
x = np.fromfile(os.path.join(DATA, NAME + ".f64"), dtype="<f8").reshape(n, d)
PCA(k, svd_solver=SOLVER, random_state=0).fit(x)
for r in range(REPS):
    t0 = time.perf_counter()
    m = PCA(k, svd_solver=SOLVER, random_state=0).fit(x)
    t = time.perf_counter() - t0
    print(json.dumps({"contender": "sklearn-" + sklearn.__version__ + "-" + SOLVER, "workload": NAME, "rep": r, "n": n, "d": d,
                      "components": k, "seconds": t, "ratios": [float(v) for v in m.explained_variance_ratio_],
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    sys.stdout.flush()

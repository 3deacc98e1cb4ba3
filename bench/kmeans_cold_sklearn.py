#!/usr/bin/env python3
"""scikit-learn's k-means fit as a user meets it: one fit in a fresh process, no warm-up.

Usage: kmeans_cold_sklearn.py DATADIR NAME
Reads NAME.f64 / NAME.meta / NAME.init.f64 (shared/bench/gen_data.py), fits
KMeans(n_clusters=k, init=centres, n_init=1, max_iter=iters, tol=0, algorithm="lloyd") once and prints one JSON
line: the fit's seconds (fit alone: loading the data and importing scikit-learn are before the clock), inertia_,
n_iter_. Run with OMP_NUM_THREADS / OPENBLAS_NUM_THREADS set to the thread count (bench/kmeans-cold.sh does).
"""
import json, os, sys, time, warnings

import numpy as np
from sklearn.cluster import KMeans

warnings.filterwarnings("ignore")
data, name = sys.argv[1], sys.argv[2]
meta = dict(line.strip().split("=", 1) for line in open(os.path.join(data, name + ".meta")))
n, d = int(meta["n"]), int(meta["d"])
x = np.fromfile(os.path.join(data, name + ".f64"), dtype="<f8").reshape(n, d)
init = np.fromfile(os.path.join(data, name + ".init.f64"), dtype="<f8").reshape(-1, d)
t0 = time.perf_counter()
m = KMeans(n_clusters=len(init), init=init, n_init=1, max_iter=int(meta["iters"]), tol=0.0, algorithm="lloyd").fit(x)
dt = time.perf_counter() - t0
print(json.dumps({"seconds": dt, "inertia": float(m.inertia_), "n_iter": int(m.n_iter_)}), flush=True)

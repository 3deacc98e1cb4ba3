#!/usr/bin/python3
"""Nearest-neighbour benchmark helper for bench/neighbors.sh: writes the workloads, times scikit-learn on them.

    neighbors_sklearn.py gen DATA_DIR N D K SEED
        writes nn-N-D.{meta,f64}: K Gaussian blobs (unit spread, centres uniform in [-B, B]^D with B = 50 for D = 2,
        10 for D = 8, 5 above), seeded
    neighbors_sklearn.py time DATA_DIR NAME TASK CONTENDER REPS [ANSWERS]
        TASK knn:K (the K nearest of every row, the row itself included) or radius:R (how many rows lie within R of
        every row, count only); CONTENDER kd_tree, ball_tree (sklearn.neighbors.KDTree / BallTree, leaf_size 40,
        single-threaded: their query methods have no n_jobs) or nn (NearestNeighbors(algorithm="auto", n_jobs=-1)
        for knn: scikit-learn's own choice of structure, queries spread over every core). One untimed warm-up on the
        first 2,000 rows, then REPS timed runs, one JSON line each: build and query seconds separately. With ANSWERS
        the first run's answers are written there (int32: K neighbour rows per row, or one count per row).

Run with Debian's python3 (python3-sklearn 1.2.1).
"""
import json, os, sys, time

import numpy as np


def gen(data, n, d, k, seed):
    rng = np.random.default_rng(seed)
    box = 50.0 if d <= 2 else 10.0 if d <= 8 else 5.0
    centres = rng.uniform(-box, box, size=(k, d))
    labels = rng.integers(0, k, n)
    x = (centres[labels] + rng.normal(0, 1, size=(n, d))).astype("<f8")
    name = "nn-%d-%d" % (n, d)
    os.makedirs(data, exist_ok=True)
    x.tofile(os.path.join(data, name + ".f64"))
    with open(os.path.join(data, name + ".meta"), "w") as f:
        f.write("n=%d\nd=%d\nk=%d\nseed=%d\n" % (n, d, k, seed))
    print(name)


def load(data, name):
    meta = dict(line.strip().split("=", 1) for line in open(os.path.join(data, name + ".meta")) if "=" in line)
    n, d = int(meta["n"]), int(meta["d"])
    return np.fromfile(os.path.join(data, name + ".f64"), dtype="<f8").reshape(n, d)


def peak_rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return 0.0


def run(x, task, contender):
    from sklearn.neighbors import BallTree, KDTree, NearestNeighbors
    kind, value = task.split(":")
    t0 = time.perf_counter()
    if contender == "nn":
        if kind != "knn":
            raise SystemExit("nn runs knn only (NearestNeighbors has no count-only radius query)")
        model = NearestNeighbors(n_neighbors=int(value), algorithm="auto", n_jobs=-1).fit(x)
        t1 = time.perf_counter()
        _, answer = model.kneighbors(x)
        structure = model._fit_method
    else:
        tree = (KDTree if contender == "kd_tree" else BallTree)(x, leaf_size=40)
        t1 = time.perf_counter()
        if kind == "knn":
            _, answer = tree.query(x, k=int(value))
        else:
            answer = tree.query_radius(x, r=float(value), count_only=True)
        structure = contender
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, np.asarray(answer), structure


def timing(data, name, task, contender, reps, answers):
    import sklearn
    x = load(data, name)
    run(x[:2000], task, contender)  # warm-up, untimed
    for rep in range(reps):
        build, query, answer, structure = run(x, task, contender)
        if rep == 0 and answers:
            answer.astype("<i4").tofile(answers)
        print(json.dumps({"contender": "sklearn-" + sklearn.__version__ + "-" + contender, "structure": structure,
                          "workload": name, "task": task, "rep": rep, "n": len(x), "d": x.shape[1],
                          "build_seconds": build, "query_seconds": query, "seconds": build + query,
                          "peak_rss_mb": peak_rss_mb()}))
        sys.stdout.flush()


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif len(sys.argv) in (7, 8) and sys.argv[1] == "time":
        timing(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]),
               sys.argv[7] if len(sys.argv) == 8 else None)
    else:
        sys.exit("usage: neighbors_sklearn.py gen DATA_DIR N D K SEED | "
                 "time DATA_DIR NAME knn:K|radius:R kd_tree|ball_tree|nn REPS [ANSWERS]")

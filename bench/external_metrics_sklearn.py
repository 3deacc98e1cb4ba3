#!/usr/bin/python3
"""Times scikit-learn 1.2.1's external indices on the labelings ExternalMetricsBench times (same generator:
splitmix64 draws as in tools/reference/make_external_metrics_reference.py, seed 1, offsets 0, strides 1).

Usage: /usr/bin/python3 bench/external_metrics_sklearn.py WORKLOADS REPS
WORKLOADS as for ExternalMetricsBench: N:CLASSES:CLUSTERS:AGREE or singletons:N:CLASSES, comma-separated.
Prints, per workload, the median seconds of: contingency_matrix (sparse), adjusted_mutual_info_score, all of
adjusted_rand_score, rand_score, normalized_mutual_info_score, adjusted_mutual_info_score,
homogeneity_completeness_v_measure and fowlkes_mallows_score, and the accuracy by
scipy.optimize.linear_sum_assignment on the dense contingency table.
"""
import sys, time
import numpy as np
import sklearn
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import (adjusted_rand_score, rand_score, normalized_mutual_info_score,
                             adjusted_mutual_info_score, homogeneity_completeness_v_measure, fowlkes_mallows_score)
from sklearn.metrics.cluster import contingency_matrix

assert sklearn.__version__ == "1.2.1", sklearn.__version__


def splitmix64(x):
    # uint64 arithmetic wraps modulo 2^64, as Java's long
    with np.errstate(over="ignore"):
        z = x + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def generate(n, seed, classes, clusters, agree):
    i3 = np.arange(n, dtype=np.uint64) * np.uint64(3) + np.uint64(seed << 32)
    c = splitmix64(i3) % np.uint64(classes)
    same = splitmix64(i3 + np.uint64(1)) % np.uint64(100) < np.uint64(agree)
    k = np.where(same, c % np.uint64(clusters), splitmix64(i3 + np.uint64(2)) % np.uint64(clusters))
    return c.astype(np.int64), k.astype(np.int64)


def median(reps, f):
    f()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    return sorted(ts)[reps // 2]


def everything(t, p):
    return (adjusted_rand_score(t, p), rand_score(t, p), normalized_mutual_info_score(t, p),
            adjusted_mutual_info_score(t, p), homogeneity_completeness_v_measure(t, p), fowlkes_mallows_score(t, p))


def accuracy(t, p):
    m = contingency_matrix(t, p)
    r, c = linear_sum_assignment(m, maximize=True)
    return m[r, c].sum() / len(t)


def main():
    reps = int(sys.argv[2])
    print("# scikit-learn %s, numpy %s; medians of %d runs after one untimed run" % (sklearn.__version__,
                                                                                     np.__version__, reps))
    for w in sys.argv[1].split(","):
        f = w.split(":")
        if f[0] == "singletons":
            n = int(f[1])
            t = (splitmix64(np.arange(n, dtype=np.uint64) * np.uint64(3)) % np.uint64(int(f[2]))).astype(np.int64)
            p = np.arange(n)
        else:
            t, p = generate(int(f[0]), 1, int(f[1]), int(f[2]), int(f[3]))
        table = median(reps, lambda: contingency_matrix(t, p, sparse=True))
        ami = median(reps, lambda: adjusted_mutual_info_score(t, p))
        allm = median(reps, lambda: everything(t, p))
        cells = len(np.unique(t)) * len(np.unique(p))
        acc = median(reps, lambda: accuracy(t, p)) if cells <= 2e7 else float("nan")
        print("%s n=%d: table %.2f ms, ami %.2f ms, all %.2f ms, accuracy %.2f ms; ari %.10f ami %.10f accuracy %s" % (
            w, len(t), table * 1e3, ami * 1e3, allm * 1e3, acc * 1e3, adjusted_rand_score(t, p),
            adjusted_mutual_info_score(t, p), accuracy(t, p) if cells <= 2e7 else "n/a"))
        sys.stdout.flush()


main()

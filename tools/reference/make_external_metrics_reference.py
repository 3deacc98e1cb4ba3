#!/usr/bin/python3
"""Reference values of the external cluster indices, from scikit-learn 1.2.1 (committed; re-run to regenerate).

Run with Debian's python3 (apt-get install python3-sklearn), not a pyenv/venv python:
    /usr/bin/python3 tools/reference/make_external_metrics_reference.py
Writes cumulo-core/src/test/resources/reference/external_metrics_full.json, a list of cases, each with
    name, truth, pred               the two labelings (or "generator", below, for the large cases)
    ari, rand                       adjusted_rand_score, rand_score
    nmi_<avg>, ami_<avg>            normalized_mutual_info_score / adjusted_mutual_info_score, each average_method
    homogeneity, completeness       homogeneity_score, completeness_score
    v_measure, v_measure_beta_<b>   v_measure_score (beta 1, 0.5, 2)
    fowlkes_mallows                 fowlkes_mallows_score
    contingency                     contingency_matrix with its row (class) and column (cluster) values
                                    (cases with at most 10,000 cells)
    purity_numpy                    sum of the contingency's column maxima / n (numpy; not in scikit-learn)
    accuracy_scipy                  best one-to-one matching of classes and clusters by
                                    scipy.optimize.linear_sum_assignment(maximize=True), matched rows / n
                                    (an independent check of the Java Hungarian algorithm; not in scikit-learn)
Numbers are written with repr() (shortest round-trip), so Java reads exactly the float64 values produced.

Large cases do not store their labels: "generator" describes them and the Java test rebuilds them with the same
arithmetic (splitmix64, below), so a 100,000-row case costs a few bytes.
"""
import json, os
import numpy as np
import scipy
import sklearn
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import (adjusted_rand_score, rand_score, normalized_mutual_info_score,
                             adjusted_mutual_info_score, homogeneity_score, completeness_score, v_measure_score,
                             fowlkes_mallows_score)
from sklearn.metrics.cluster import contingency_matrix

assert sklearn.__version__ == "1.2.1", sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "cumulo-core", "src", "test", "resources", "reference")
CLASSIC = os.path.join(HERE, "..", "..", "cumulo-core", "src", "main", "resources", "io", "cumulo", "data", "builtin")
MASK = (1 << 64) - 1
AVERAGES = ["arithmetic", "geometric", "min", "max"]


def splitmix64(x):
    """One output of SplittableRandom's mixer (Steele, Lea & Flood 2014) for the 64-bit state x."""
    z = (x + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def generate(g):
    """Labels of a generator case: row i's class is draw 3i mod classes; with probability agree_percent % its
    cluster is the class mod clusters, else draw 3i+2 mod clusters. Values are offset + stride * code."""
    n, seed = g["n"], g["seed"]
    t = np.empty(n, dtype=np.int64)
    p = np.empty(n, dtype=np.int64)
    base = (seed << 32) & MASK
    for i in range(n):
        c = splitmix64((base + 3 * i) & MASK) % g["classes"]
        if splitmix64((base + 3 * i + 1) & MASK) % 100 < g["agree_percent"]:
            k = c % g["clusters"]
        else:
            k = splitmix64((base + 3 * i + 2) & MASK) % g["clusters"]
        t[i] = g["truth_offset"] + g["truth_stride"] * c
        p[i] = g["pred_offset"] + g["pred_stride"] * k
    return t, p


def case(name, t, p, generator=None):
    t = np.asarray(t, dtype=np.int64)
    p = np.asarray(p, dtype=np.int64)
    c = {"name": name}
    if generator is None:
        c["truth"] = [int(v) for v in t]
        c["pred"] = [int(v) for v in p]
    else:
        c["generator"] = generator
    c["n"] = len(t)
    c["ari"] = float(adjusted_rand_score(t, p))
    c["rand"] = float(rand_score(t, p))
    for a in AVERAGES:
        c["nmi_" + a] = float(normalized_mutual_info_score(t, p, average_method=a))
        c["ami_" + a] = float(adjusted_mutual_info_score(t, p, average_method=a))
    c["homogeneity"] = float(homogeneity_score(t, p))
    c["completeness"] = float(completeness_score(t, p))
    c["v_measure"] = float(v_measure_score(t, p))
    c["v_measure_beta_0.5"] = float(v_measure_score(t, p, beta=0.5))
    c["v_measure_beta_2"] = float(v_measure_score(t, p, beta=2.0))
    c["fowlkes_mallows"] = float(fowlkes_mallows_score(t, p))
    classes, clusters = np.unique(t), np.unique(p)
    m = contingency_matrix(t, p, sparse=True).toarray() if len(classes) * len(clusters) <= 10_000 else None
    if m is not None:
        c["contingency"] = {"classes": [int(v) for v in classes], "clusters": [int(v) for v in clusters],
                            "counts": [[int(v) for v in row] for row in m]}
        c["purity_numpy"] = float(m.max(axis=0).sum() / len(t))
        rows, cols = linear_sum_assignment(m, maximize=True)
        c["accuracy_scipy"] = float(m[rows, cols].sum() / len(t))
    cases.append(c)
    print("%-34s n=%-6d classes=%-4d clusters=%-4d ari=%.6f ami=%.6f" % (name, len(t), len(classes), len(clusters),
                                                                       c["ari"], c["ami_arithmetic"]))


def partly_agreeing(n, a, b, agree=0.5):
    t = rng.integers(0, a, n)
    p = rng.integers(0, b, n)
    same = rng.uniform(size=n) < agree
    p[same] = t[same] % b
    return t, p


cases = []
rng = np.random.default_rng(20261201)

# ---- edge cases ----
case("one row", [5], [-1])
case("two rows, split", [0, 0], [0, 1])
case("two rows, both split", [0, 1], [4, 9])
case("two rows, joined", [0, 1], [3, 3])
case("one class, one cluster", [2] * 7, [-4] * 7)
case("one cluster", rng.integers(0, 3, 30), [7] * 30)
case("one class", [1] * 30, rng.integers(0, 4, 30))
case("all singletons vs 4 classes", rng.integers(0, 4, 40), np.arange(40))
case("both all singletons", np.arange(25), np.arange(25)[::-1] * 3 - 10)
case("exactly independent", [0, 0, 1, 1], [0, 1, 0, 1])
case("identical up to renaming", [0, 0, 1, 1, 2, 2, 2], [5, 5, -3, -3, 9, 9, 9])
case("clusters split classes", [0] * 6 + [1] * 6, [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3])
# non-contiguous and negative label values, including the extremes of a Java int
vt = np.array([-7, 0, 12, 2147483647])
vp = np.array([-2147483648, -1, 5, 1000000])
t, p = partly_agreeing(60, 4, 4)
case("non-contiguous and negative values", vt[t], vp[p])
# noise: about a fifth of the predicted labels are -1
t, p = partly_agreeing(300, 3, 4, 0.7)
p[rng.uniform(size=300) < 0.2] = -1
case("noise label -1", t, p)
# more clusters than classes and fewer, for the matching
t, p = partly_agreeing(400, 3, 8, 0.6)
case("more clusters than classes", t, p)
t, p = partly_agreeing(400, 9, 4, 0.6)
case("fewer clusters than classes", t, p)

# ---- random, partly agreeing labelings of several sizes ----
for (n, a, b, agree) in [(10, 3, 3, 0.5), (50, 10, 3, 0.5), (200, 2, 2, 0.3), (1000, 5, 7, 0.5),
                         (3000, 12, 12, 0.5), (5000, 50, 40, 0.4), (2000, 6, 6, 0.0)]:
    t, p = partly_agreeing(n, a, b, agree)
    case("random n=%d %dx%d agree=%.1f" % (n, a, b, agree), t, p)

# ---- large cases, rebuilt in Java from their generator ----
for g in [dict(n=100_000, seed=1, classes=100, clusters=100, agree_percent=30),
          dict(n=100_000, seed=2, classes=10, clusters=120, agree_percent=60),
          dict(n=20_000, seed=3, classes=2, clusters=50, agree_percent=50),
          dict(n=50_000, seed=4, classes=20, clusters=20, agree_percent=0)]:
    g.update(truth_offset=-3, truth_stride=7, pred_offset=-1, pred_stride=1)
    t, p = generate(g)
    case("generated n=%d %dx%d agree=%d%%" % (g["n"], g["classes"], g["clusters"], g["agree_percent"]), t, p, g)


# ---- the classic sets: true classes against scikit-learn k-means ----
def load_builtin(name):
    import csv
    with open(os.path.join(CLASSIC, name + ".csv")) as f:
        rows = list(csv.reader(f))
    x = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
    names = sorted(set(r[-1] for r in rows[1:]))
    y = np.array([names.index(r[-1]) for r in rows[1:]])
    return x, y


for name, k, scale in [("iris", 3, False), ("wine", 3, True), ("breast-cancer", 2, True), ("digits", 10, False)]:
    x, y = load_builtin(name)
    if scale:
        x = StandardScaler().fit_transform(x)
    labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x).labels_
    case("%s classes vs k-means k=%d%s" % (name, k, " (standardized)" if scale else ""), y, labels)

with open(os.path.join(OUT, "external_metrics_full.json"), "w") as f:
    json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
               "cases": cases}, f)

#!/usr/bin/python3
"""Reference values for Cumulo's cluster profiles (io.cumulo.profile), committed; re-run to regenerate.

Run with Debian's python3 (numpy 1.24.2, scikit-learn 1.2.1), not a pyenv/venv python:
    /usr/bin/python3 tools/reference/make_profile_reference.py
Writes cumulo-core/src/test/resources/reference/profile.json. json.dump writes floats with repr(), so Java reads
exactly the float64 values computed here.

The statistics are computed here the direct way, from the rows of each group selected by a mask, with NumPy:
mean, median, np.std (ddof=0), min, max; the standardised mean difference is Cohen's d with the pooled *sample*
variances, d = (mean_in - mean_out) / sqrt(((n_in-1) var_in + (n_out-1) var_out) / (n_in + n_out - 2)), where the
"rest" of a cluster is every other clustered row (noise, label -1, left out) and the rest of the noise group is
every clustered row. Cumulo combines per-group sums instead, so agreement checks the formulas, not one code path.
The k-means case gives scikit-learn's centres, from fixed initial rows on standardised iris, mapped back to
centimetres with StandardScaler.inverse_transform.
"""
import csv
import json
import os

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "cumulo-core", "src", "test", "resources", "reference")
BUILTIN = os.path.join(HERE, "..", "..", "cumulo-core", "src", "main", "resources", "io", "cumulo", "data", "builtin")


def load_iris():
    with open(os.path.join(BUILTIN, "iris.csv")) as f:
        rows = list(csv.reader(f))
    x = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
    names = rows[0][:-1]
    species = [r[-1] for r in rows[1:]]
    return x, names, species


def smd(xin, xout):
    n_in, n_out = len(xin), len(xout)
    if n_out == 0:
        return 0.0
    var_in = np.var(xin, ddof=1) if n_in > 1 else 0.0
    var_out = np.var(xout, ddof=1) if n_out > 1 else 0.0
    pooled = np.sqrt(((n_in - 1) * var_in + (n_out - 1) * var_out) / (n_in + n_out - 2))
    return float((np.mean(xin) - np.mean(xout)) / pooled)


def stats(x):
    return {"mean": np.mean(x, axis=0).tolist(), "median": np.median(x, axis=0).tolist(),
            "sd": np.std(x, axis=0).tolist(), "min": np.min(x, axis=0).tolist(), "max": np.max(x, axis=0).tolist()}


def profile(x, labels):
    labels = np.asarray(labels)
    clustered = labels >= 0
    groups = []
    ids = sorted(int(v) for v in set(labels.tolist()) if v >= 0) + ([-1] if (labels < 0).any() else [])
    for c in ids:
        inside = labels == c
        rest = clustered & ~inside if c >= 0 else clustered
        g = {"cluster": c, "size": int(inside.sum()), "share": float(inside.sum() / len(labels))}
        g.update(stats(x[inside]))
        g["smd"] = [smd(x[inside, j], x[rest, j]) for j in range(x.shape[1])]
        groups.append(g)
    return {"labels": labels.tolist(), "overall": stats(x), "groups": groups}


iris, names, species = load_iris()
codes = {"setosa": 0, "versicolor": 1, "virginica": 2}  # Cumulo's codes: order of first appearance
out = {"iris_species": dict(profile(iris, [codes[s] for s in species]), features=names)}

# random data with noise (-1), a cluster of a single row and unequal sizes
rng = np.random.default_rng(20261201)
x = rng.normal(0, 1, size=(300, 4)) * [1.0, 3.0, 0.5, 10.0] + [0.0, 5.0, -2.0, 100.0]
lab = rng.integers(0, 4, 300)
x[lab == 1, 0] += 2.0
x[lab == 2, 3] -= 15.0
lab[rng.choice(300, 20, replace=False)] = -1
lab[lab == 3] = 2
lab[7] = 3  # cluster 3: one row
out["random_noise"] = dict(profile(x, lab), features=["x0", "x1", "x2", "x3"], data=x.tolist())

# k-means on standardised iris from rows 0, 50, 100: centres back in the original units
scaler = StandardScaler().fit(iris)
xs = scaler.transform(iris)
init_rows = [0, 50, 100]
km = KMeans(n_clusters=3, init=xs[init_rows], n_init=1, max_iter=300, tol=1e-4, algorithm="lloyd").fit(xs)
out["kmeans_iris_standard"] = {"init_rows": init_rows, "labels": [int(v) for v in km.labels_],
                               "centres_original_units": scaler.inverse_transform(km.cluster_centers_).tolist()}

with open(os.path.join(OUT, "profile.json"), "w") as f:
    json.dump(out, f)
for g in out["iris_species"]["groups"]:
    print("iris", g["cluster"], [round(v, 3) for v in g["smd"]])
print("written to", os.path.normpath(os.path.join(OUT, "profile.json")))

#!/usr/bin/python3
"""Reference trees of agglomerative clustering, from SciPy (committed; re-run to regenerate).

Run with Debian's python3 (apt-get install python3-scipy), not a pyenv/venv python:
    /usr/bin/python3 tools/reference/make_hierarchical_reference.py

Writes cumulo-core/src/test/resources/reference/hierarchical.json: for several seeded data sets (no ties: continuous
random values), every linkage and metric SciPy allows, the data, scipy.cluster.hierarchy.linkage's matrix (ids,
heights, sizes), the cophenetic correlation (scipy.cluster.hierarchy.cophenet against pdist), and the flat labels
of the cut into k clusters (the first n − k merges of SciPy's tree made, by a union-find written here; for trees
without inversions the script checks that SciPy's cut_tree agrees, and for centroid and median trees, which can
have inversions, cut_tree is known to go wrong, so it is not used) at every k for Euclidean trees, at k = 2..8 for
the others. Numbers go through json.dump, which writes repr()
(shortest round-trip), so Java reads the exact float64.
"""
import json, os

import numpy as np
import scipy
from scipy.cluster.hierarchy import cophenet, cut_tree, linkage
from scipy.spatial.distance import pdist

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "cumulo-core", "src", "test", "resources", "reference",
                   "hierarchical.json")

METRICS = {"euclidean": "euclidean", "sqeuclidean": "sqeuclidean", "manhattan": "cityblock", "cosine": "cosine",
           "chebyshev": "chebyshev"}
LINKAGES = ["single", "complete", "average", "weighted", "ward", "centroid", "median"]


def sets():
    rng = np.random.default_rng(20261205)
    yield "uniform_40x3", rng.uniform(-1, 1, size=(40, 3))
    blobs = np.concatenate([rng.normal(c, 0.3, size=(25, 2)) for c in ([0, 0], [3, 0], [0, 3], [3, 3])])
    yield "blobs_100x2", blobs
    yield "gauss_150x6", rng.normal(0, 1, size=(150, 6)) * np.array([1, 2, 3, 1, 0.5, 4])
    yield "wide_60x20", rng.normal(0, 1, size=(60, 20))


def cut(z, n, k):
    """The clusters after the first n - k merges, numbered by first appearance."""
    parent = list(range(2 * n - 1))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a
    for i in range(n - k):
        a, b = int(z[i, 0]), int(z[i, 1])
        parent[find(a)] = n + i
        parent[find(b)] = n + i
    names, out = {}, []
    for i in range(n):
        out.append(names.setdefault(find(i), len(names)))
    return out


def same_partition(a, b):
    return len(set(zip(a, b))) == len(set(a)) == len(set(b))


cases = []
for name, x in sets():
    for metric, scipy_metric in METRICS.items():
        d = pdist(x, scipy_metric)
        for method in LINKAGES:
            if method in ("ward", "centroid", "median") and metric != "euclidean":
                continue
            z = linkage(d, method=method)
            coph = cophenet(z, d)[0]
            n = x.shape[0]
            monotone = bool(np.all(np.diff(z[:, 2]) >= 0))
            cuts = cut_tree(z) if monotone else None  # n x n: column j is the cut into n - j clusters
            labels = {}
            # every k for the Euclidean trees, k = 2..8 for the others (keeps the file small)
            ks = range(1, n + 1) if metric == "euclidean" else range(2, 9)
            for k in ks:
                mine = cut(z, n, k)
                if cuts is not None:
                    assert same_partition(mine, [int(v) for v in cuts[:, n - k]]), (name, method, metric, k)
                labels[str(k)] = mine
            cases.append({"data": name, "metric": metric, "linkage": method,
                          "linkage_matrix": z.tolist(), "cophenetic_correlation": float(coph), "cuts": labels})

data = {name: x.tolist() for name, x in sets()}
with open(OUT, "w") as f:
    json.dump({"scipy": scipy.__version__, "data": data, "cases": cases}, f)
print("wrote", OUT, len(cases), "cases")

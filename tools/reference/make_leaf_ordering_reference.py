#!/usr/bin/python3
"""Reference optimal leaf orderings, from SciPy (committed; re-run to regenerate).

Run with Debian's python3 (apt-get install python3-scipy):
    /usr/bin/python3 tools/reference/make_leaf_ordering_reference.py

Writes cumulo-core/src/test/resources/reference/leaf_ordering.json: for seeded data sets without ties, several
linkages and metrics, the data, scipy.cluster.hierarchy.linkage's tree, the leaf order of
optimal_leaf_ordering(Z, pdist(X, metric)) (leaves_list) and that order's cost (the sum of the dissimilarities of
neighbouring leaves), the cost of the default order, and the optimal cost computed here by a plain dynamic programme
(optimal_cost below: min-plus products over each merge's children, numpy only).

SciPy's optimal_leaf_ordering is not always optimal (scipy/scipy#11227, open: it computes the optimum but does not
always return its order), so the test holds Cumulo's order to optimal_cost and only to "no worse" than SciPy's.
"""
import json, os

import numpy as np
import scipy
from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering
from scipy.spatial.distance import pdist, squareform

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "cumulo-core", "src", "test", "resources", "reference",
                   "leaf_ordering.json")
METRICS = {"euclidean": "euclidean", "manhattan": "cityblock", "cosine": "cosine"}


def cost(order, square):
    return float(sum(square[order[i], order[i + 1]] for i in range(len(order) - 1)))


def optimal_cost(z, square):
    """min over all drawings of z of the neighbouring leaves' dissimilarity sum (Bar-Joseph et al. 2001's recursion)."""
    n = square.shape[0]
    leaves = {i: [i] for i in range(n)}
    best = {i: np.zeros((1, 1)) for i in range(n)}  # best[node][a, b]: cheapest order from its a-th to b-th leaf
    for i, row in enumerate(z):
        l, r = int(row[0]), int(row[1])
        L, R = leaves[l], leaves[r]
        dlr = square[np.ix_(L, R)]
        # cost[u, w] = min over m in L, k in R of best_l[u, m] + d(m, k) + best_r[k, w]
        t = (best[l][:, :, None] + dlr[None, :, :]).min(axis=1)
        cross = (t[:, :, None] + best[r][None, :, :]).min(axis=1)
        size = len(L) + len(R)
        full = np.full((size, size), np.inf)
        full[:len(L), len(L):] = cross
        full[len(L):, :len(L)] = cross.T
        leaves[n + i] = L + R
        best[n + i] = full
        del leaves[l], leaves[r], best[l], best[r]
    return float(best[2 * n - 2].min())


rng = np.random.default_rng(20261207)
sets = {
    "uniform_30x3": rng.uniform(-1, 1, size=(30, 3)),
    "blobs_80x2": np.concatenate([rng.normal(c, 0.4, size=(20, 2)) for c in ([0, 0], [3, 0], [0, 3], [3, 3])]),
    "gauss_120x5": rng.normal(0, 1, size=(120, 5)) * np.array([1, 2, 3, 1, 0.5]),
}
cases = []
for name, x in sets.items():
    for metric, sm in METRICS.items():
        d = pdist(x, sm)
        square = squareform(d)
        for method in ["single", "complete", "average", "weighted", "ward"]:
            if method == "ward" and metric != "euclidean":
                continue
            z = linkage(d, method=method)
            zo = optimal_leaf_ordering(z, d)
            order = [int(v) for v in leaves_list(zo)]
            cases.append({"data": name, "linkage": method, "metric": metric,
                          "order": order, "cost": cost(order, square),
                          "default_cost": cost([int(v) for v in leaves_list(z)], square),
                          "optimal_cost": optimal_cost(z, square)})
out = {"generator": "tools/reference/make_leaf_ordering_reference.py", "scipy": scipy.__version__,
       "data": {k: v.tolist() for k, v in sets.items()}, "cases": cases}
with open(OUT, "w") as f:
    json.dump(out, f)
worse = sum(c["cost"] > c["optimal_cost"] * (1 + 1e-12) for c in cases)
print(len(cases), "cases written to", OUT, "; SciPy's order costs more than the optimum in", worse)

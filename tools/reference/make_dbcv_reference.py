#!/usr/bin/python3
"""Reference DBCV values, computed densely from the paper's definitions (committed; re-run to regenerate).

Run with Debian's python3 (apt-get install python3-scipy python3-sklearn):
    /usr/bin/python3 tools/reference/make_dbcv_reference.py

Writes cumulo-core/src/test/resources/reference/dbcv.json. An independent implementation of Moulavi et al. (2014):
full n x n distance matrices, numpy reductions, with the conventions docs/internal-indices.md states (one-row
clusters are noise; zero distances add nothing to the core-distance sum; no internal edge -> all edges; no internal
node -> all rows; n counts noise). Mutual reachability distances tie often (a row's core distance is the distance to
every near neighbour), so the spanning tree is not unique and DBCV depends on which one is taken: here, as in Cumulo
and in the authors' code, Prim's tree grown from the cluster's first row, the lowest row joining first among equal
candidates and keeping the earliest tree node that reached its distance. The test also checks the tree's weight
against SciPy's minimum_spanning_tree (any minimum tree has the same weight).
"""
import json, os

import numpy as np
from scipy.sparse.csgraph import minimum_spanning_tree
from scipy.spatial.distance import cdist
from sklearn.datasets import make_blobs, make_moons

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "cumulo-core", "src", "test", "resources", "reference",
                   "dbcv.json")
METRICS = {"euclidean": "euclidean", "sqeuclidean": "sqeuclidean", "manhattan": "cityblock"}


def prim(w):
    m = len(w)
    in_tree = np.zeros(m, bool)
    in_tree[0] = True
    best = w[0].copy()
    parent = np.zeros(m, int)
    ea, eb, ew = [], [], []
    for _ in range(m - 1):
        cand = np.where(in_tree, np.inf, best)
        j = int(np.argmin(cand))          # the lowest row among equal candidates
        ea.append(parent[j]); eb.append(j); ew.append(best[j])
        in_tree[j] = True
        better = (w[j] < best) & ~in_tree  # strictly nearer: the earliest tree node keeps ties
        best = np.where(better, w[j], best)
        parent = np.where(better, j, parent)
    return np.array(ea), np.array(eb), np.array(ew)


def dbcv(x, labels, metric):
    labels = labels.copy()
    ids, counts = np.unique(labels[labels >= 0], return_counts=True)
    for c, m in zip(ids, counts):
        if m == 1:
            labels[labels == c] = -1
    clusters = [c for c in np.unique(labels) if c >= 0]
    dist = cdist(x, x, METRICS[metric])
    d = x.shape[1]
    core = np.zeros(len(x))
    internal, dsc, parts = {}, {}, {}
    for c in clusters:
        rows = np.flatnonzero(labels == c)
        m = len(rows)
        sub = dist[np.ix_(rows, rows)]
        with np.errstate(divide="ignore"):
            inv = np.where(sub > 0, (1.0 / sub) ** d, 0.0)
        core[rows] = (inv.sum(axis=1) / (m - 1)) ** (-1.0 / d)
        mrd = np.maximum(sub, np.maximum(core[rows][:, None], core[rows][None, :]))
        ea, eb, ew = prim(mrd)
        assert abs(sum(ew) - minimum_spanning_tree(mrd).sum()) <= 1e-9 * sum(ew)
        deg = np.bincount(np.concatenate([ea, eb]), minlength=m)
        inner = deg > 1
        edges = [w for a, b, w in zip(ea, eb, ew) if inner[a] and inner[b]]
        dsc[c] = max(edges) if edges else max(ew)
        internal[c] = rows[inner] if inner.any() else rows
        parts[c] = m
    total = 0.0
    validity, separation = [], []
    for c in clusters:
        sep = np.inf
        for o in clusters:
            if o == c:
                continue
            a, b = internal[c], internal[o]
            mrd = np.maximum(dist[np.ix_(a, b)], np.maximum(core[a][:, None], core[b][None, :]))
            sep = min(sep, mrd.min())
        v = (sep - dsc[c]) / max(sep, dsc[c])
        validity.append(v)
        separation.append(sep)
        total += parts[c] * v
    return total / len(x), [float(dsc[c]) for c in clusters], separation, validity


rng = np.random.default_rng(20261208)
cases = []


def add(name, x, labels, metric="euclidean"):
    value, dsc, sep, val = dbcv(x, np.asarray(labels), metric)
    cases.append({"name": name, "metric": metric, "data": x.tolist(), "labels": [int(v) for v in labels],
                  "dbcv": value, "sparseness": dsc, "separation": [float(s) for s in sep],
                  "validity": [float(v) for v in val]})


x, y = make_blobs(300, centers=4, cluster_std=0.7, random_state=3)
add("blobs_300x2", x, y)
noisy = y.copy()
noisy[rng.choice(300, 25, replace=False)] = -1
add("blobs_noise_300x2", x, noisy)
add("blobs_noise_300x2_manhattan", x, noisy, "manhattan")
add("blobs_noise_300x2_sqeuclidean", x, noisy, "sqeuclidean")
x, y = make_moons(240, noise=0.06, random_state=5)
add("moons_240x2", x, y)
wrong = (x[:, 0] > 0.5).astype(int)  # a straight cut through the moons scores lower
add("moons_straight_cut", x, wrong)
x, y = make_blobs(200, n_features=50, centers=3, cluster_std=2.0, random_state=7)
add("blobs_200x50", x, y)   # (1/d)^50 in log space
x = rng.normal(size=(120, 3))
lab = rng.integers(0, 4, 120)
lab[:3] = [5, 6, 7]   # three one-row clusters: noise
lab[3:5] = 8          # a two-row cluster: no internal node
lab[5:8] = 9          # a three-row cluster: no internal edge
add("random_labels_with_small_clusters", x, lab)

with open(OUT, "w") as f:
    json.dump({"generator": "tools/reference/make_dbcv_reference.py", "cases": cases}, f)
print(len(cases), "cases written to", OUT)
for c in cases:
    print(c["name"], c["metric"], round(c["dbcv"], 6))

#!/usr/bin/python3
"""Reference neighbours for the neighbour indexes (committed; re-run to regenerate).

Run with Debian's python3 (apt-get install python3-sklearn python3-scipy), not a pyenv/venv python:
    /usr/bin/python3 tools/reference/make_neighbors_reference.py

Writes cumulo-core/src/test/resources/reference/neighbors.json. For several seeded data sets (integer grids with many
equal distances and duplicate rows; continuous Gaussian data; 16-feature blobs, which Cumulo searches by blocks; rows
far from the origin with a tiny spread) and every distance Cumulo has:

- `knn`: the 7 nearest rows of every row (the row itself included), by a full sort of all distances on
  (distance, row), with those distances;
- `others`: the 5 nearest rows other than the row itself, the same way (what `cumulo neighbors` writes);
- `counts`: for a few radii, how many rows lie within the radius of every row: scikit-learn's
  KDTree(...).query_radius(count_only=True) where it takes the metric (euclidean, manhattan, chebyshev), else numpy
  (distance <= r). The radii include distances that occur exactly (1 and 2 on the grids), so rows on the boundary
  count.

Distances come from scipy.spatial.distance.cdist, except cosine, which is computed here in plain Python floats with
the operations of Cumulo's Distance.COSINE (sums in row order, sqrt(aa*bb), 1 - ab/norm, clamped): scipy rounds
differently, and on the grids the order of equal distances depends on the last bit. On the grids every other distance
is a sum of small integers (or the square root of one), so exact in any order. Numbers go through json.dump (repr,
shortest round trip), so Java reads the exact float64.
"""
import json, math, os

import numpy as np
import scipy
import sklearn
from scipy.spatial.distance import cdist
from sklearn.neighbors import KDTree

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "cumulo-core", "src", "test", "resources", "reference",
                   "neighbors.json")

SCIPY = {"euclidean": "euclidean", "sqeuclidean": "sqeuclidean", "manhattan": "cityblock",
         "chebyshev": "chebyshev"}
KDTREE = {"euclidean": "euclidean", "manhattan": "manhattan", "chebyshev": "chebyshev"}


def sets():
    rng = np.random.default_rng(20261208)
    yield "grid_120x2", rng.integers(1, 6, size=(120, 2)).astype(float), [0.0, 1.0, 1.5, 2.0]
    yield "grid_100x3", rng.integers(1, 5, size=(100, 3)).astype(float), [0.0, 1.0, 2.0, 2.5]
    yield "gauss_150x4", rng.normal(0, 1, size=(150, 4)) * np.array([1, 2, 0.5, 3]), [0.5, 1.0, 2.0]
    centres = rng.uniform(-4, 4, size=(5, 16))
    yield ("blobs_200x16", centres[rng.integers(0, 5, size=200)] + rng.normal(0, 1, size=(200, 16)),
           [3.0, 5.0, 8.0])
    yield "far_100x5", 1e6 + rng.normal(0, 1e-4, size=(100, 5)), [1e-4, 2e-4]


def cosine(x):
    n, d = x.shape
    rows = [[float(v) for v in r] for r in x]
    out = np.zeros((n, n))
    for i in range(n):
        a = rows[i]
        for j in range(n):
            b = rows[j]
            ab = aa = bb = 0.0
            for t in range(d):
                ab += a[t] * b[t]
                aa += a[t] * a[t]
                bb += b[t] * b[t]
            p = aa * bb
            norm = math.sqrt(p) if 0 < p < math.inf else math.sqrt(aa) * math.sqrt(bb)
            v = 1 - ab / norm
            out[i, j] = 0.0 if v < 0 else 2.0 if v > 2 else v
    return out


def order(dist, i, skip_self):
    rows = np.arange(dist.shape[1])
    keys = np.lexsort((rows, dist[i]))  # by distance, then row
    return [int(j) for j in keys if not (skip_self and j == i)]


def main():
    out = {"generator": "tools/reference/make_neighbors_reference.py", "numpy": np.__version__,
           "scipy": scipy.__version__, "sklearn": sklearn.__version__, "k": 7, "k_others": 5, "sets": []}
    for name, x, radii in sets():
        entry = {"name": name, "n": x.shape[0], "d": x.shape[1], "x": x.ravel().tolist(), "metrics": {}}
        for metric in ["euclidean", "sqeuclidean", "manhattan", "cosine", "chebyshev"]:
            dist = cosine(x) if metric == "cosine" else cdist(x, x, SCIPY[metric])
            n = x.shape[0]
            knn, knn_d, oth, oth_d = [], [], [], []
            for i in range(n):
                o = order(dist, i, False)[:out["k"]]
                knn += o
                knn_d += [float(dist[i, j]) for j in o]
                o = order(dist, i, True)[:out["k_others"]]
                oth += o
                oth_d += [float(dist[i, j]) for j in o]
            counts = {}
            for r in radii:
                if metric in KDTREE:
                    c = KDTree(x, metric=KDTREE[metric]).query_radius(x, r=r, count_only=True)
                else:
                    c = (dist <= r).sum(axis=1)
                counts[repr(r)] = [int(v) for v in c]
            entry["metrics"][metric] = {"knn": knn, "knn_distances": knn_d, "others": oth, "others_distances": oth_d,
                                        "counts": counts}
        out["sets"].append(entry)
    with open(OUT, "w") as f:
        json.dump(out, f)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reference results of DBSCAN and OPTICS, from scikit-learn 1.2.1 (committed; re-run to regenerate).

Run with Debian's python3 (apt-get install python3-sklearn), not a pyenv/venv python:
    /usr/bin/python3 tools/reference/make_density_reference.py

Writes cumulo-core/src/test/resources/reference/density.json:

- "data": seeded sets: 2-D blobs with uniform noise, moons, blobs of varied density, integer grid points with many
  duplicates and distances exactly at eps (ties everywhere), 5-D blobs, 20 identical rows.
- "dbscan": sklearn.cluster.DBSCAN labels and core_sample_indices_ for several eps / min_samples on every set, for
  euclidean, manhattan, chebyshev, sqeuclidean and cosine, and with sample weights (multiples of 0.5, so every sum is
  exact; some rows weigh more than min_samples alone).
- "optics": sklearn.cluster.OPTICS (default metric minkowski with p=2 for Euclidean, as the scikit-learn docs use;
  manhattan; chebyshev) with min_samples 5 and 10, max_eps infinite and finite: ordering_, reachability_,
  core_distances_, predecessor_ (infinities written as null); then the extractions on those arrays:
  cluster_optics_xi for two xi and two min_cluster_size, each with predecessor_correction False (scikit-learn 1.2.1
  as released), True as released ("labels_121"), and True with _correct_predecessor as Schubert & Gertz's Algorithm 2
  and scikit-learn 1.3 have it ("labels"; scikit-learn issue #26324, fixed by pull request #26459: 1.2.1 compares the
  predecessor, a row, with positions of the ordering); cluster_optics_dbscan at one or two eps.
- "around": values and numpy's np.around(v, 15), the rounding OPTICS applies to every distance.

Numbers go through json.dump, which writes repr() (shortest round-trip), so Java reads the exact float64.
"""
import json, math, os

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN, OPTICS, cluster_optics_dbscan, cluster_optics_xi
from sklearn.cluster import _optics
from sklearn.datasets import make_blobs, make_moons

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "cumulo-core", "src", "test", "resources", "reference",
                   "density.json")


def sets():
    rng = np.random.default_rng(20261214)
    b, _ = make_blobs(n_samples=300, centers=3, cluster_std=0.5, random_state=1)
    lo, hi = b.min(axis=0) - 1, b.max(axis=0) + 1
    yield "blobs_noise", np.vstack([b, rng.uniform(lo, hi, size=(60, 2))])
    m, _ = make_moons(n_samples=300, noise=0.07, random_state=2)
    yield "moons", m
    v, _ = make_blobs(n_samples=300, cluster_std=[0.3, 1.0, 2.2], random_state=170)
    yield "varied", v
    # integer points (off the origin, for cosine): three rounded Gaussian clumps and scattered points, so many
    # duplicates, distances exactly at eps and equal reachabilities
    clumps = [np.rint(rng.normal(c, 1.6, size=(70, 2))) for c in ([6, 6], [18, 6], [12, 17])]
    yield "grid_duplicates", np.vstack(clumps + [rng.integers(1, 24, size=(40, 2)).astype(float)])
    g, _ = make_blobs(n_samples=300, n_features=5, centers=4, cluster_std=1.0, random_state=5)
    yield "blobs_5d", g
    yield "identical", np.tile([[2.5, -1.0]], (20, 1))


DBSCAN_CASES = {
    "blobs_noise": {"euclidean": [(0.3, 5), (0.5, 10), (0.8, 4), (0.2, 1)], "manhattan": [(0.5, 5)],
                    "chebyshev": [(0.35, 6)], "sqeuclidean": [(0.1, 5)], "cosine": [(0.002, 5)]},
    "moons": {"euclidean": [(0.1, 5), (0.15, 10), (0.2, 3)], "manhattan": [(0.15, 5)], "chebyshev": [(0.1, 4)]},
    "varied": {"euclidean": [(0.5, 5), (1.0, 10), (0.3, 2)], "sqeuclidean": [(0.5, 8)]},
    "grid_duplicates": {"euclidean": [(1.0, 5), (1.0, 9), (1.5, 6), (2.0, 12)], "manhattan": [(1.0, 4), (2.0, 8)],
                        "chebyshev": [(1.0, 7)], "sqeuclidean": [(2.0, 6)], "cosine": [(0.001, 3)]},
    "blobs_5d": {"euclidean": [(1.0, 5), (1.5, 10)], "manhattan": [(2.5, 5)], "chebyshev": [(0.9, 5)],
                 "cosine": [(0.01, 5)]},
    "identical": {"euclidean": [(0.1, 5), (0.1, 20), (0.1, 21)]},
}
WEIGHTED = {"blobs_noise": [(0.3, 5), (0.5, 10)], "grid_duplicates": [(1.0, 5), (1.5, 9)], "moons": [(0.1, 6)]}

# OPTICS: (metric as Cumulo names it, scikit-learn's metric), min_samples, max_eps (None: infinite), DBSCAN cuts
OPTICS_SETS = {
    "blobs_noise": {"max_eps": 1.5, "cuts": [0.3, 0.6]},
    "moons": {"max_eps": 0.5, "cuts": [0.1]},
    "varied": {"max_eps": 3.0, "cuts": [0.5, 1.2]},
    "grid_duplicates": {"max_eps": 3.0, "cuts": [1.0, 1.5]},
}
OPTICS_METRICS = [("euclidean", "minkowski"), ("manhattan", "manhattan"), ("chebyshev", "chebyshev")]


def nulls(a):
    return [None if not math.isfinite(v) else float(v) for v in a]


def correct_predecessor_fixed(reachability_plot, predecessor_plot, ordering, s, e):
    """Schubert & Gertz 2018, Algorithm 2 (as scikit-learn 1.3 has it): the predecessor is a row."""
    while s < e:
        if reachability_plot[s] > reachability_plot[e]:
            return s, e
        p_e = predecessor_plot[e]
        for i in range(s, e):
            if p_e == ordering[i]:
                return s, e
        e -= 1
    return None, None


def xi_labels(o, xi, mcs, correction, fixed):
    released = _optics._correct_predecessor
    if fixed:
        _optics._correct_predecessor = correct_predecessor_fixed
    try:
        labels, clusters = cluster_optics_xi(reachability=o.reachability_, predecessor=o.predecessor_,
                                             ordering=o.ordering_, min_samples=o.min_samples, min_cluster_size=mcs,
                                             xi=xi, predecessor_correction=correction)
    finally:
        _optics._correct_predecessor = released
    return [int(v) for v in labels], [[int(a), int(b)] for a, b in np.asarray(clusters).reshape(-1, 2)]


data = {}
dbscan_cases = []
optics_cases = []
for name, x in sets():
    data[name] = x.tolist()
    for metric, params in DBSCAN_CASES.get(name, {}).items():
        for eps, ms in params:
            m = DBSCAN(eps=eps, min_samples=ms, metric=metric).fit(x)
            dbscan_cases.append({"data": name, "metric": metric, "eps": eps, "min_samples": ms,
                                 "labels": [int(v) for v in m.labels_],
                                 "core_sample_indices": [int(v) for v in m.core_sample_indices_]})
    rng = np.random.default_rng(7 + len(data))
    for eps, ms in WEIGHTED.get(name, []):
        w = rng.integers(1, 7, size=len(x)) * 0.5
        w[:3] = ms + 0.5  # heavy rows: core alone
        m = DBSCAN(eps=eps, min_samples=ms).fit(x, sample_weight=w)
        dbscan_cases.append({"data": name, "metric": "euclidean", "eps": eps, "min_samples": ms,
                             "weights": w.tolist(), "labels": [int(v) for v in m.labels_],
                             "core_sample_indices": [int(v) for v in m.core_sample_indices_]})
    if name in OPTICS_SETS:
        spec = OPTICS_SETS[name]
        for metric, sk_metric in OPTICS_METRICS:
            for ms in (5, 10):
                for max_eps in (None, spec["max_eps"]):
                    if metric != "euclidean" and (ms, max_eps) != (5, None):
                        continue
                    o = OPTICS(min_samples=ms, max_eps=np.inf if max_eps is None else max_eps,
                               metric=sk_metric).fit(x)
                    case = {"data": name, "metric": metric, "min_samples": ms, "max_eps": max_eps,
                            "ordering": [int(v) for v in o.ordering_], "reachability": nulls(o.reachability_),
                            "core_distances": nulls(o.core_distances_), "predecessor": [int(v) for v in o.predecessor_],
                            "xi": [], "dbscan": []}
                    for xi in (0.05, 0.1):
                        for mcs in (None, 20):
                            entry = {"xi": xi, "min_cluster_size": mcs}
                            for key, correction, fixed in (("no_correction", False, False),
                                                           ("released", True, False), ("fixed", True, True)):
                                labels, clusters = xi_labels(o, xi, mcs, correction, fixed)
                                entry[key] = {"labels": labels, "clusters": clusters}
                            case["xi"].append(entry)
                    for eps in spec["cuts"]:
                        if max_eps is not None and eps > max_eps:
                            continue
                        labels = cluster_optics_dbscan(reachability=o.reachability_,
                                                       core_distances=o.core_distances_, ordering=o.ordering_, eps=eps)
                        case["dbscan"].append({"eps": eps, "labels": [int(v) for v in labels]})
                    optics_cases.append(case)

rng = np.random.default_rng(3)
values = np.concatenate([rng.uniform(0, 1, 200), rng.uniform(0, 20, 200), rng.exponential(3, 100),
                         [0.1 + 0.2, 0.3, 1e-16, 7.000000000000001, 123.45678901234567, 0.0]])
around = {"values": values.tolist(), "rounded": np.around(values, decimals=np.finfo(np.float64).precision).tolist()}

with open(OUT, "w") as f:
    json.dump({"generator": "tools/reference/make_density_reference.py",
               "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
               "data": data, "dbscan": dbscan_cases, "optics": optics_cases, "around": around}, f)
print(OUT, len(dbscan_cases), "dbscan cases,", len(optics_cases), "optics cases")

#!/usr/bin/python3
"""Reference results from scikit-learn 1.2.1 for Cumulo's tests (committed; re-run to regenerate).

Run with Debian's python3 (apt-get install python3-sklearn), not a pyenv/venv python:
    /usr/bin/python3 tools/reference/make_reference.py
Writes cumulo-core/src/test/resources/reference/. Numbers are written with repr() (shortest round-trip), so
the Java side reads exactly the float64 values scikit-learn saw and produced.
"""
import json, os, sys
import numpy as np
import sklearn
from sklearn.cluster import KMeans, BisectingKMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_score, silhouette_samples
from sklearn.preprocessing import StandardScaler, MinMaxScaler, RobustScaler
from sklearn.decomposition import PCA

assert sklearn.__version__ == "1.2.1", sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "cumulo-core", "src", "test", "resources", "reference")
CLASSIC = os.path.join(HERE, "..", "..", "cumulo-core", "src", "main", "resources", "io", "cumulo", "data", "builtin")
os.makedirs(OUT, exist_ok=True)


def write_csv(path, x, names):
    with open(path, "w") as f:
        f.write(",".join(names) + "\n")
        for row in x:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def load_builtin(name):
    import csv
    with open(os.path.join(CLASSIC, name + ".csv")) as f:
        rows = list(csv.reader(f))
    x = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
    y = [r[-1] for r in rows[1:]]
    return x, y


# ---- k-means from the same initial centres: labels, inertia, iterations, centres ----
def kmeans_case(name, x, init, tol, max_iter, w=None):
    d = x.shape[1]
    names = ["x%d" % j for j in range(d)]
    data = x if w is None else np.column_stack([x, w])
    write_csv(os.path.join(OUT, "kmeans_%s_data.csv" % name), data, names + ([] if w is None else ["w"]))
    write_csv(os.path.join(OUT, "kmeans_%s_init.csv" % name), init, names)
    m = KMeans(n_clusters=len(init), init=init, n_init=1, max_iter=max_iter, tol=tol, algorithm="lloyd")
    m.fit(x, sample_weight=w)
    res = {"k": len(init), "tol": tol, "max_iter": max_iter, "weighted": w is not None,
           "labels": [int(v) for v in m.labels_], "inertia": float(m.inertia_), "n_iter": int(m.n_iter_),
           "centres": [[float(v) for v in c] for c in m.cluster_centers_]}
    with open(os.path.join(OUT, "kmeans_%s_expected.json" % name), "w") as f:
        json.dump(res, f)
    print("kmeans", name, x.shape, "n_iter", m.n_iter_, "inertia", m.inertia_)


rng = np.random.default_rng(20261124)
# well-separated-ish blobs
centres = rng.uniform(-10, 10, size=(4, 5))
x = centres[rng.integers(0, 4, 600)] + rng.normal(0, 2.5, size=(600, 5))
kmeans_case("blobs", x, x[rng.choice(600, 4, replace=False)], 1e-4, 300)
# uniform cube: no structure, many iterations before labels settle
x = rng.uniform(0, 1, size=(2000, 3))
kmeans_case("uniform", x, x[rng.choice(2000, 8, replace=False)], 0.0, 100)
# sample weights
x = rng.normal(0, 1, size=(400, 2)) + rng.integers(0, 3, 400)[:, None] * 3.0
w = rng.uniform(0.5, 3.0, 400)
kmeans_case("weighted", x, x[rng.choice(400, 5, replace=False)], 1e-4, 300, w=w)
# one initial centre far from everything: an empty cluster gets re-seeded
x = rng.normal(0, 1, size=(300, 2))
init = np.vstack([x[rng.choice(300, 3, replace=False)], [[1000.0, 1000.0]]])
kmeans_case("empty", x, init, 1e-4, 300)
# stopped by max_iter: labels come from one more assignment to the final centres
x = rng.uniform(0, 1, size=(1000, 4))
kmeans_case("maxiter", x, x[rng.choice(1000, 6, replace=False)], 0.0, 3)
# far from the origin (coordinates ~1e6, spread ~1e3), as in Franti's sets: tests cancellation handling
x = 1e6 + rng.normal(0, 1, size=(500, 2)) * 1e3 + rng.integers(0, 6, 500)[:, None] * 2e3
kmeans_case("offset", x, x[rng.choice(500, 6, replace=False)], 1e-4, 300)

# ---- scalers on iris ----
iris, iris_y = load_builtin("iris")
wine, wine_y = load_builtin("wine")
sc = {}
s = StandardScaler().fit(iris); sc["standard"] = {"center": s.mean_.tolist(), "scale": s.scale_.tolist()}
s = MinMaxScaler().fit(iris); sc["minmax"] = {"center": s.data_min_.tolist(), "scale": s.data_range_.tolist()}
s = RobustScaler().fit(iris); sc["robust"] = {"center": s.center_.tolist(), "scale": s.scale_.tolist()}
s = StandardScaler().fit(wine); sc["standard_wine"] = {"center": s.mean_.tolist(), "scale": s.scale_.tolist()}
with open(os.path.join(OUT, "scalers_iris.json"), "w") as f:
    json.dump(sc, f)

# ---- k-means++ optima on the classic sets: the best inertia scikit-learn reaches over 20 seeds ----
best = {}
for name, data in [("iris_raw", iris), ("wine_standardized", StandardScaler().fit_transform(wine))]:
    runs = [KMeans(3, n_init=10, random_state=s).fit(data).inertia_ for s in range(20)]
    best[name] = {"seed0": runs[0], "best_of_20_seeds": min(runs), "worst_of_20_seeds": max(runs)}
with open(os.path.join(OUT, "kmeans_classic_optima.json"), "w") as f:
    json.dump(best, f)
print("classic optima", best)

# ---- external metrics on random labelings ----
metrics = []
for (n, a, b) in [(1000, 5, 7), (200, 2, 2), (50, 10, 3), (3000, 12, 12)]:
    t = rng.integers(0, a, n)
    p = rng.integers(0, b, n)
    # make them agree in part so the scores are not all near 0
    agree = rng.uniform(size=n) < 0.5
    p[agree] = t[agree] % b
    metrics.append({"truth": t.tolist(), "pred": p.tolist(), "ari": adjusted_rand_score(t, p),
                    "nmi": normalized_mutual_info_score(t, p),
                    "nmi_geometric": normalized_mutual_info_score(t, p, average_method="geometric"),
                    "nmi_min": normalized_mutual_info_score(t, p, average_method="min"),
                    "nmi_max": normalized_mutual_info_score(t, p, average_method="max")})
with open(os.path.join(OUT, "external_metrics.json"), "w") as f:
    json.dump(metrics, f)

# ---- silhouette ----
codes = {v: i for i, v in enumerate(sorted(set(iris_y)))}
iris_codes = np.array([codes[v] for v in iris_y])
x = rng.normal(0, 1, size=(500, 6)) + rng.integers(0, 4, 500)[:, None] * 1.5
lab = rng.integers(0, 4, 500)
write_csv(os.path.join(OUT, "silhouette_random_data.csv"), x, ["x%d" % j for j in range(6)])
sil = {"iris_true_labels": silhouette_score(iris, iris_codes),
       "iris_samples_first10": silhouette_samples(iris, iris_codes)[:10].tolist(),
       "random_labels": lab.tolist(), "random": silhouette_score(x, lab),
       # the other distances k-medoids takes (io.cumulo.neighbors.Distance), under scikit-learn's / SciPy's names
       "by_metric": {m: {"iris_true_labels": silhouette_score(iris, iris_codes, metric=m),
                         "random": silhouette_score(x, lab, metric=m)}
                     for m in ["manhattan", "cosine", "chebyshev", "sqeuclidean"]}}
with open(os.path.join(OUT, "silhouette.json"), "w") as f:
    json.dump(sil, f)

# ---- PCA (full SVD): ratios and components, for the sign convention ----
pca = {}
for name, data in [("iris", iris), ("wine_standardized", StandardScaler().fit_transform(wine))]:
    p = PCA(svd_solver="full").fit(data)
    pca[name] = {"explained_variance": p.explained_variance_.tolist(),
                 "explained_variance_ratio": p.explained_variance_ratio_.tolist(),
                 "components": p.components_.tolist()}
with open(os.path.join(OUT, "pca.json"), "w") as f:
    json.dump(pca, f)

# ---- bisecting k-means (scikit-learn 1.2.1 BisectingKMeans, default init "random", n_init=1) ----
# Well-separated blobs: every split falls between blobs, so the partition does not depend on the random starts
# and any correct implementation finds the same clusters; the classic sets: inertia over seeds, to compare.
brng = np.random.default_rng(20261125)
grid = np.array([[i, j, (i + j) % 2] for i in range(3) for j in range(2)], dtype=float) * 25.0
sizes = [100] * 6  # equal sizes: a leaf holding two blobs is always larger than one holding one
x = np.vstack([grid[c] + brng.normal(0, 1.0, size=(sizes[c], 3)) for c in range(6)])
x = x[brng.permutation(len(x))]
write_csv(os.path.join(OUT, "bisecting_blobs_data.csv"), x, ["x0", "x1", "x2"])
bis = {"blobs": {}, "classic": {}}
for strategy in ["biggest_inertia", "largest_cluster"]:
    m = BisectingKMeans(6, random_state=0, bisecting_strategy=strategy).fit(x)
    bis["blobs"][strategy] = {"labels": [int(v) for v in m.labels_], "inertia": float(m.inertia_),
                              "predict_labels": [int(v) for v in m.predict(x)]}
for name, data in [("iris_raw", iris), ("iris_standardized", StandardScaler().fit_transform(iris)),
                   ("wine_standardized", StandardScaler().fit_transform(wine))]:
    bis["classic"][name] = {}
    for strategy in ["biggest_inertia", "largest_cluster"]:
        runs = [float(BisectingKMeans(3, random_state=s, bisecting_strategy=strategy).fit(data).inertia_)
                for s in range(20)]
        bis["classic"][name][strategy] = {"inertia_seeds_0_19": runs, "median": float(np.median(runs)),
                                          "min": min(runs), "max": max(runs)}
with open(os.path.join(OUT, "bisecting_kmeans.json"), "w") as f:
    json.dump(bis, f)
print("bisecting", {n: {s: v["median"] for s, v in c.items()} for n, c in bis["classic"].items()})

print("written to", os.path.normpath(OUT))

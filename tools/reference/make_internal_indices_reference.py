#!/usr/bin/python3
"""Reference values of the internal validity indices, from scikit-learn 1.2.1 (committed; re-run to regenerate).

Run with Debian's python3 (apt-get install python3-sklearn), not a pyenv/venv python:
    /usr/bin/python3 tools/reference/make_internal_indices_reference.py [SHARED_FRANTI_DIR]

Writes cumulo-core/src/test/resources/reference/internal_indices.json and internal_indices_far_data.csv.

Data sets: the four bundled classic sets (raw); a synthetic set written here, "far" (2,000 x 2, 15 Gaussian
clusters at coordinates of about 1e5..1e6 with spreads of 1e4, like Franti's S sets, to test cancellation; its
last column holds the true cluster); and four of Franti's benchmark sets, read from SHARED_FRANTI_DIR (default
../shared/datasets/franti next to the repository): s1, a1, unbalance, dim032. Franti's sets are not in the
repository (their licence does not allow it), so their numbers are checked by
tools/reference/check_franti_indices.sh against the shared copy, not by the unit tests.

For each data set and each fixed labelling -- "truth" (the classes / the authors' ground truth), "kmeans"
(scikit-learn's KMeans(k, n_init=10, random_state=0) labels, written here), "noise" (truth with every row i where
i % 7 == 3 relabelled -1) and, on the classic and synthetic sets, "random" (uniform labels in [0, k+1)) -- it
records:

  silhouette         sklearn.metrics.silhouette_score (Euclidean, exact)
  samples            sklearn.metrics.silhouette_samples at the rows listed in sample_rows (all rows up to 600)
  calinski_harabasz  sklearn.metrics.calinski_harabasz_score
  davies_bouldin     sklearn.metrics.davies_bouldin_score
  inertia            numpy: sum of squared distances of the rows to their cluster's mean
  bic                numpy: Pelleg & Moore's k-means BIC written out here from the paper (see KMeansBic's
                     Javadoc for the reading of the formula): pooled variance, log-likelihood, penalty
  noise_points       rows labelled -1

For "noise", scikit-learn (which knows no noise label) is given the other rows only: that is what "noise left
out" means. The Java side reads the same CSV files, so the comparison is of the index alone (labels are written
for "kmeans" and "random"; "truth" is the file's last column, "noise" derives from it). Numbers go through json.dump,
which writes repr() (shortest round-trip), so Java reads the exact float64.
"""
import csv, json, math, os, sys

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import (calinski_harabasz_score, davies_bouldin_score, silhouette_samples,
                             silhouette_score)

assert sklearn.__version__ == "1.2.1", sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "cumulo-core", "src", "test", "resources", "reference")
CLASSIC = os.path.join(ROOT, "cumulo-core", "src", "main", "resources", "io", "cumulo", "data", "builtin")
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "datasets", "franti")


def read_csv(path):
    """Features and the last column (the classes), as strings -> codes in order of first appearance."""
    with open(path) as f:
        rows = list(csv.reader(f))
    x = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
    codes = {}
    y = np.array([codes.setdefault(r[-1], len(codes)) for r in rows[1:]])
    return x, y


def inertia(x, labels):
    return float(sum(((x[labels == c] - x[labels == c].mean(axis=0)) ** 2).sum() for c in np.unique(labels)))


def bic(x, labels):
    """X-means BIC (Pelleg & Moore 2000, section 3.2), written from the paper; larger is better."""
    r, m = x.shape
    clusters = np.unique(labels)
    k = len(clusters)
    sizes = np.array([np.sum(labels == c) for c in clusters], dtype=float)
    variance = inertia(x, labels) / (r - k)
    loglik = (np.sum(sizes * np.log(sizes)) - r * math.log(r) - r / 2.0 * math.log(2 * math.pi)
              - r * m / 2.0 * math.log(variance) - (r - k) / 2.0)
    params = (k - 1) + m * k + 1
    return float(loglik - params / 2.0 * math.log(r))


def indices(x, labels, sample_rows):
    keep = labels >= 0
    xs, ls = x[keep], labels[keep]
    samples_all = np.zeros(len(x))
    samples_all[keep] = silhouette_samples(xs, ls)
    return {"silhouette": float(silhouette_score(xs, ls)),
            "samples": [float(samples_all[i]) for i in sample_rows],
            "calinski_harabasz": float(calinski_harabasz_score(xs, ls)),
            "davies_bouldin": float(davies_bouldin_score(xs, ls)),
            "inertia": inertia(xs, ls),
            "bic": bic(xs, ls),
            "noise_points": int(np.sum(~keep))}


def case(name, x, truth, classic):
    n = len(x)
    k = len(np.unique(truth))
    sample_rows = list(range(n)) if n <= 600 else list(range(0, n, 23))
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x).labels_
    noise = truth.copy()
    noise[np.arange(n) % 7 == 3] = -1
    labelings = {"truth": truth, "kmeans": km, "noise": noise}
    if classic:
        labelings["random"] = np.random.default_rng(20261124 + n).integers(0, k + 1, n)
    res = {"n": n, "d": int(x.shape[1]), "k": k, "sample_rows": sample_rows, "labelings": {}}
    for lname, lab in labelings.items():
        entry = indices(x, lab, sample_rows)
        if lname in ("kmeans", "random"):  # truth is the CSV's last column; noise is truth with rows i % 7 == 3 at -1
            entry["labels"] = [int(v) for v in lab]
        res["labelings"][lname] = entry
    print(name, x.shape, {l: round(v["silhouette"], 4) for l, v in res["labelings"].items()})
    return res


def write_far(path):
    rng = np.random.default_rng(20261126)
    centres = rng.uniform(1e5, 1e6, size=(15, 2))
    y = rng.integers(0, 15, 2000)
    x = centres[y] + rng.normal(0, 1, size=(2000, 2)) * rng.uniform(5e3, 2e4, size=15)[y][:, None]
    x = np.round(x)  # integers, as in Franti's files: equal rows happen
    with open(path, "w") as f:
        f.write("x1,x2,label\n")
        for row, c in zip(x, y):
            f.write("%s,%s,c%d\n" % (repr(float(row[0])), repr(float(row[1])), c))


ref = {"sklearn": sklearn.__version__, "numpy": np.__version__, "classic": {}, "synthetic": {}, "franti": {}}
for name in ["iris", "wine", "breast-cancer", "digits"]:
    x, y = read_csv(os.path.join(CLASSIC, name + ".csv"))
    ref["classic"][name] = case(name, x, y, True)
far = os.path.join(OUT, "internal_indices_far_data.csv")
write_far(far)
x, y = read_csv(far)
ref["synthetic"]["far"] = case("far", x, y, True)
for name in ["s1", "a1", "unbalance", "dim032"]:
    src = os.path.join(SHARED, name + ".csv")
    if not os.path.exists(src):
        sys.exit("%s: no such file; give the directory holding Franti's sets as the first argument" % src)
    x, y = read_csv(src)
    ref["franti"][name] = case(name, x, y, False)

with open(os.path.join(OUT, "internal_indices.json"), "w") as f:
    json.dump(ref, f)
print("written to", os.path.relpath(OUT, ROOT))

#!/usr/bin/python3
"""Reference values for Cumulo's UMAP tests (committed; re-run to regenerate).

Run with Debian's python3 (scikit-learn 1.2.1, SciPy), not a pyenv/venv python:
    /usr/bin/python3 tools/reference/make_umap_reference.py
Writes cumulo-core/src/test/resources/reference/umap.json. Numbers are written with repr() (shortest round-trip).

- ab_fits: a, b of the membership curve 1/(1 + a x^(2b)) fitted by scipy.optimize.curve_fit to the target curve
  (1 below min_dist, exp(-(x - min_dist)/spread) beyond) on 300 points of [0, 3 spread], as the UMAP paper's
  appendix describes (tolerances tightened to 1e-14: the defaults stop ~1e-6 short of the minimum on some pairs); an independent least-squares solver for UmapLayout.fitAB.
- trustworthiness: sklearn.manifold.trustworthiness on a small tie-free random case, to check the test helper.
- digits_knn: the 15 smallest Euclidean distances (self included) of the first 200 digits rows among all 1,797
  (sklearn NearestNeighbors, brute force), to check the exact neighbour search.
"""
import csv, json, os
import numpy as np
import sklearn
from scipy.optimize import curve_fit
from sklearn.manifold import trustworthiness
from sklearn.neighbors import NearestNeighbors

assert sklearn.__version__ == "1.2.1", sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "cumulo-core", "src", "test", "resources", "reference")
CLASSIC = os.path.join(HERE, "..", "..", "cumulo-core", "src", "main", "resources", "io", "cumulo", "data", "builtin")


def r(x):
    """Floats as exact repr() strings; later turned back into JSON numbers."""
    if isinstance(x, (list, tuple, np.ndarray)):
        return [r(v) for v in x]
    return float(x)


def ab(spread, min_dist):
    xs = np.linspace(0, spread * 3, 300)
    ys = np.where(xs < min_dist, 1.0, np.exp(-(xs - min_dist) / spread))
    f = lambda x, a, b: 1.0 / (1.0 + a * x ** (2 * b))
    (a, b), _ = curve_fit(f, xs, ys, p0=(1.0, 1.0), maxfev=100000, ftol=1e-14, xtol=1e-14, gtol=1e-14)
    return {"spread": spread, "min_dist": min_dist, "a": float(a), "b": float(b)}


out = {"generator": "tools/reference/make_umap_reference.py", "sklearn": sklearn.__version__}
out["ab_fits"] = [ab(1.0, 0.1), ab(1.0, 0.0), ab(1.0, 0.5), ab(2.0, 0.25), ab(0.5, 0.05), ab(1.0, 0.99)]

rng = np.random.RandomState(7)
x = rng.normal(size=(120, 6))
y = x[:, :2] + 0.5 * rng.normal(size=(120, 2))
out["trustworthiness"] = {"x": r(x), "y": r(y), "k": 10, "value": float(trustworthiness(x, y, n_neighbors=10))}

with open(os.path.join(CLASSIC, "digits.csv")) as fh:
    rows = list(csv.reader(fh))
digits = np.array([[float(v) for v in row[:-1]] for row in rows[1:]])
nn = NearestNeighbors(n_neighbors=15, algorithm="brute").fit(digits)
dist, _ = nn.kneighbors(digits[:200])
out["digits_knn"] = {"rows": 200, "k": 15, "distances": r(dist)}

with open(os.path.join(OUT, "umap.json"), "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print("wrote", os.path.join(OUT, "umap.json"), out["ab_fits"][0])

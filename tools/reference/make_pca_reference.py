#!/usr/bin/python3
"""PCA reference results from scikit-learn 1.2.1 for Cumulo's PCA tests (committed; re-run to regenerate).

Run with Debian's python3 (apt-get install python3-sklearn), not a pyenv/venv python:
    /usr/bin/python3 tools/reference/make_pca_reference.py
Writes cumulo-core/src/test/resources/reference/pca_sklearn.json. Numbers are written with repr() (json.dump
of Python floats), so the Java side reads exactly the float64 values scikit-learn produced.

For each classic set (Cumulo's builtin CSVs), raw and standardised (StandardScaler, as Cumulo's "standard"):
PCA(svd_solver="full") with all components (explained variance, ratio, components, noise variance), the
component count PCA(0.95) and PCA(0.5) choose, and for iris and wine the scores of the first 10 rows with
2 components, whitened scores, and the inverse transform of those scores (plain and whitened).
Also a wide case (fewer rows than features: the first 12 rows of digits), which Cumulo handles by the Gram
matrix, and IncrementalPCA (fixed batch sizes) on four sets under "incremental".
"""
import csv, json, os
import numpy as np
import sklearn
from sklearn.decomposition import PCA, IncrementalPCA
from sklearn.preprocessing import StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "cumulo-core", "src", "test", "resources", "reference")
CLASSIC = os.path.join(HERE, "..", "..", "cumulo-core", "src", "main", "resources", "io", "cumulo", "data", "builtin")


def load_builtin(name):
    with open(os.path.join(CLASSIC, name + ".csv")) as f:
        rows = list(csv.reader(f))
    return np.array([[float(v) for v in r[:-1]] for r in rows[1:]])


def full(x):
    p = PCA(svd_solver="full").fit(x)
    return {"explained_variance": p.explained_variance_.tolist(),
            "explained_variance_ratio": p.explained_variance_ratio_.tolist(),
            "components": p.components_.tolist(),
            "noise_variance_k2": PCA(2, svd_solver="full").fit(x).noise_variance_.item(),
            "count_0.95": int(PCA(0.95, svd_solver="full").fit(x).n_components_),
            "count_0.5": int(PCA(0.5, svd_solver="full").fit(x).n_components_)}


out = {}
for name in ["iris", "wine", "breast-cancer", "digits"]:
    x = load_builtin(name)
    for variant, data in [("raw", x), ("standardized", StandardScaler().fit_transform(x))]:
        key = name + "_" + variant
        out[key] = full(data)
        if name in ("iris", "wine"):
            p = PCA(2, svd_solver="full").fit(data)
            z = p.transform(data[:10])
            w = PCA(2, svd_solver="full", whiten=True).fit(data)
            zw = w.transform(data[:10])
            out[key].update({"transform_k2_first10": z.tolist(),
                             "inverse_k2_first10": p.inverse_transform(z).tolist(),
                             "whiten_transform_k2_first10": zw.tolist(),
                             "whiten_inverse_k2_first10": w.inverse_transform(zw).tolist()})
wide = load_builtin("digits")[:12]
p = PCA(svd_solver="full").fit(wide)
out["digits_first12_wide"] = {"explained_variance": p.explained_variance_.tolist(),
                              "explained_variance_ratio": p.explained_variance_ratio_.tolist(),
                              "components": p.components_.tolist(),
                              "transform_k3": PCA(3, svd_solver="full").fit(wide).transform(wide).tolist()}
# incremental PCA (Ross et al. 2008 as scikit-learn implements it), fixed batch sizes
inc = {}
for key, name, std, k, batch in [("iris_raw", "iris", False, 2, 30), ("wine_standardized", "wine", True, 3, 40),
                                 ("digits_raw", "digits", False, 5, None), ("breast-cancer_standardized",
                                 "breast-cancer", True, 4, 100)]:
    x = load_builtin(name)
    if std:
        x = StandardScaler().fit_transform(x)
    p = IncrementalPCA(k, batch_size=batch).fit(x)
    inc[key] = {"n_components": k, "batch_size": int(p.batch_size_),
                "explained_variance": p.explained_variance_.tolist(),
                "explained_variance_ratio": p.explained_variance_ratio_.tolist(),
                "components": p.components_.tolist(), "mean": p.mean_.tolist(),
                "noise_variance": float(p.noise_variance_),
                "transform_first5": p.transform(x[:5]).tolist()}
out["incremental"] = inc
out["versions"] = {"sklearn": sklearn.__version__, "numpy": np.__version__}
with open(os.path.join(OUT, "pca_sklearn.json"), "w") as f:
    json.dump(out, f)
print("wrote", os.path.join(OUT, "pca_sklearn.json"))

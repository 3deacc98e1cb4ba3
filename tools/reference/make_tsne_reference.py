#!/usr/bin/python3
"""Reference values for trustworthiness and t-SNE, from scikit-learn 1.2.1 (committed; re-run to regenerate).

Run with Debian's python3 (apt-get install python3-sklearn), not a pyenv/venv python:
    /usr/bin/python3 tools/reference/make_tsne_reference.py

Writes cumulo-core/src/test/resources/reference/tsne.json with:

  trustworthiness   cases of sklearn.manifold.trustworthiness(X, Y, n_neighbors=k) (Euclidean) on FIXED data X
                    and FIXED embeddings Y, both written into the file, so that the Java side compares the metric
                    alone. The data are continuous random numbers (no tied distances: with ties the ranks depend
                    on numpy's unstable argsort, and any tie-break is as right as another).
  affinities        on small integer data (squared distances are integers, so exact in float32, which
                    scikit-learn's perplexity search rounds them to): the joint P of the exact method
                    (sklearn.manifold._t_sne._joint_probabilities, condensed, i < j) and of Barnes-Hut
                    (_joint_probabilities_nn, given every other row as a neighbour, so that no tie decides a
                    neighbour list), then, at a fixed random embedding, the exact objective _kl_divergence (KL
                    and gradient, one degree of freedom) and the Barnes-Hut objective _kl_divergence_bh with
                    angle 0 (no cell is summarised: the forces are exact, up to its float32 arithmetic). These are
                    private functions of scikit-learn 1.2.1: the very code its TSNE runs.
  digits_tsne       scikit-learn's TSNE on the bundled digits (the CSV in cumulo-core's resources, read here, so
                    both sides see the same numbers) with its 1.2.1 defaults (perplexity 30, early exaggeration 12,
                    learning_rate="auto", init="pca", n_iter=1000, Barnes-Hut, angle 0.5) for random_state 0..2:
                    the final kl_divergence_, n_iter_ and trustworthiness(X, embedding, n_neighbors=10) of each.
                    These are quality targets, not values to match digit for digit (t-SNE is a non-convex
                    optimisation: another implementation ends in another local minimum).

Numbers go through json.dump, which writes repr() (shortest round-trip), so Java reads the exact float64.
"""
import csv, json, os

import numpy as np
import sklearn
from scipy.sparse import csr_matrix
from sklearn.manifold import TSNE, trustworthiness
from sklearn.manifold import _t_sne

assert sklearn.__version__ == "1.2.1", sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "cumulo-core", "src", "test", "resources", "reference")
BUILTIN = os.path.join(ROOT, "cumulo-core", "src", "main", "resources", "io", "cumulo", "data", "builtin")


def read_digits():
    with open(os.path.join(BUILTIN, "digits.csv")) as f:
        rows = list(csv.reader(f))
    header = rows[0]
    # the last column is the class (kept out of the features, as DatasetReader does for builtin:digits)
    x = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
    return header, x


def trust_case(name, x, y, ks):
    return {"name": name, "x": x.tolist(), "y": y.tolist(),
            "k": list(ks), "value": [float(trustworthiness(x, y, n_neighbors=k)) for k in ks]}


rng = np.random.default_rng(20260524)
cases = []
# an embedding that keeps the data's two leading coordinates, plus noise: neither perfect nor random
x = rng.normal(size=(40, 6)) * np.array([3.0, 2.0, 1.0, 0.5, 0.5, 0.25])
y = x[:, :2] + 0.4 * rng.normal(size=(40, 2))
cases.append(trust_case("gauss_40x6_noisy_projection", x, y, [1, 5, 10, 19]))
# an unrelated embedding (trustworthiness near its chance value)
x = rng.normal(size=(60, 4))
y = rng.normal(size=(60, 2))
cases.append(trust_case("random_60x4_random_embedding", x, y, [3, 10]))
# a 3-D embedding of 10-D data
x = rng.uniform(size=(25, 10))
y = x[:, :3] * 2.0 + 0.1 * rng.normal(size=(25, 3))
cases.append(trust_case("uniform_25x10_3d", x, y, [2, 10, 12]))

def affinities():
    r = np.random.default_rng(7)
    n, d, perplexity = 40, 5, 13.0
    x = r.integers(0, 10, size=(n, d)).astype(float)
    sq = ((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2)
    p_dense = _t_sne._joint_probabilities(sq, perplexity, 0)
    # every other row as a neighbour, nearest first (the order within a row does not change P)
    indptr, indices, data = [0], [], []
    for i in range(n):
        others = sorted((j for j in range(n) if j != i), key=lambda j: (sq[i, j], j))
        indices += others
        data += [sq[i, j] for j in others]
        indptr.append(len(indices))
    dist = csr_matrix((np.array(data), np.array(indices), np.array(indptr)), shape=(n, n))
    p_sparse = _t_sne._joint_probabilities_nn(dist, perplexity, 0).tocoo()
    y = r.normal(size=(n, 2)) * 3.0
    y = y.astype(np.float32).astype(float)  # float32-exact, as the Barnes-Hut code reads it
    kl, grad = _t_sne._kl_divergence(y.ravel(), p_dense, 1, n, 2)
    p_csr = _t_sne._joint_probabilities_nn(dist, perplexity, 0)
    kl_bh, grad_bh = _t_sne._kl_divergence_bh(y.ravel(), p_csr, 1, n, 2, angle=0.0)
    return {"x": x.tolist(), "perplexity": perplexity, "p_condensed": p_dense.tolist(),
            "p_sparse": [[int(i), int(j), float(v)] for i, j, v in zip(p_sparse.row, p_sparse.col, p_sparse.data)],
            "y": y.tolist(), "kl_exact": float(kl), "grad_exact": grad.tolist(),
            "kl_bh_angle0": float(kl_bh), "grad_bh_angle0": [float(g) for g in grad_bh]}


header, digits = read_digits()
runs = []
for seed in range(3):
    tsne = TSNE(n_components=2, random_state=seed)
    emb = tsne.fit_transform(digits)
    runs.append({"random_state": seed, "kl_divergence": float(tsne.kl_divergence_), "n_iter": int(tsne.n_iter_),
                 "trustworthiness_10": float(trustworthiness(digits, emb, n_neighbors=10)),
                 "learning_rate": float(tsne.learning_rate_)})

out = {"sklearn_version": sklearn.__version__, "trustworthiness": cases, "affinities": affinities(),
       "digits_tsne": {"rows": int(digits.shape[0]), "perplexity": 30.0, "early_exaggeration": 12.0,
                       "n_iter": 1000, "method": "barnes_hut", "angle": 0.5, "init": "pca", "runs": runs}}
with open(os.path.join(OUT, "tsne.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps(out["digits_tsne"], indent=1))

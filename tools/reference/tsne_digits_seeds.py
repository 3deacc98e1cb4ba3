"""scikit-learn 1.2.1's TSNE on the bundled digits for random_state 3..12 (the committed reference has 0..2): the
spread of its final KL divergence and trustworthiness, to judge Cumulo's single (PCA-started, seed-independent) run.
Prints "seed KL T" lines; writes nothing. Run from the repository root with Debian's python:

    /usr/bin/python3 tools/reference/tsne_digits_seeds.py
"""
import csv
import os

import numpy as np
from sklearn.manifold import TSNE, trustworthiness

DIGITS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "cumulo-core", "src", "main", "resources",
                      "io", "cumulo", "data", "builtin", "digits.csv")
with open(DIGITS) as f:
    rows = list(csv.reader(f))
x = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])  # the last column is the class
for s in range(3, 13):  # the committed reference has 0..2
    t = TSNE(n_components=2, perplexity=30.0, learning_rate="auto", init="pca", n_iter=1000, random_state=s)
    y = t.fit_transform(x)
    print(s, round(float(t.kl_divergence_), 5), round(float(trustworthiness(x, y, n_neighbors=10)), 5), flush=True)

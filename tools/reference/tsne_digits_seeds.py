"""scikit-learn 1.2.1's TSNE on the bundled digits for random_state 3..12 (the committed reference has 0..2): the
spread of its final KL divergence and trustworthiness, to judge Cumulo's single (PCA-started, seed-independent) run.
Prints "seed KL T" lines; writes nothing. Run from the repository root with Debian's python:

    /usr/bin/python3 tools/reference/tsne_digits_seeds.py
"""
import sys, numpy as np
sys.path.insert(0, "tools/reference")
import make_tsne_reference as m
from sklearn.manifold import TSNE, trustworthiness
_, x = m.read_digits()
for s in range(3, 13):
    t = TSNE(n_components=2, perplexity=30.0, learning_rate="auto", init="pca", n_iter=1000, random_state=s)
    y = t.fit_transform(x)
    print(s, round(float(t.kl_divergence_), 5), round(float(trustworthiness(x, y, n_neighbors=10)), 5), flush=True)

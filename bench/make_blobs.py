"""Seeded Gaussian blobs for the report benchmarks: N rows, 6 features, 5 clusters, as a .npy file.

Usage: /usr/bin/python3 bench/make_blobs.py N OUT.npy      (centres ~ N(0, 5²), unit noise, numpy default_rng(7))
"""
import sys

import numpy as np

rng = np.random.default_rng(7)
n = int(sys.argv[1])
d, k = 6, 5
centres = rng.normal(0, 5, (k, d))
labels = rng.integers(0, k, n)
np.save(sys.argv[2], centres[labels] + rng.normal(0, 1, (n, d)))

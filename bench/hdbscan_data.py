#!/usr/bin/python3
"""The larger HDBSCAN inputs of bench/hdbscan.sh, written like ../shared/bench/gen_data.py's workloads (NAME.f64:
n x d little-endian float64, row-major; NAME.meta). Same recipe as the shared 'hdbscan' workload (20 Gaussian blobs
of unit spread in [-50, 50]^d, 5% uniform noise in [-60, 60]^d), other sizes:
    hdbscan-1m   1,000,000 x 2   (seed 18)
    hdbscan-10d  100,000 x 10    (seed 28)
Usage: /usr/bin/python3 bench/hdbscan_data.py DIR [names...]"""
import os
import sys

import numpy as np


def make(n, d, seed):
    rng = np.random.default_rng(seed)
    k = 20
    nn = int(n * 0.95)
    c = rng.uniform(-50, 50, size=(k, d))
    x1 = c[rng.integers(0, k, size=nn)] + rng.normal(0, 1.0, size=(nn, d))
    return np.vstack([x1, rng.uniform(-60, 60, size=(n - nn, d))])[rng.permutation(n)]


def main():
    out = sys.argv[1]
    want = set(sys.argv[2:]) or {"hdbscan-1m", "hdbscan-10d"}
    os.makedirs(out, exist_ok=True)
    for name, n, d, seed in (("hdbscan-1m", 1_000_000, 2, 18), ("hdbscan-10d", 100_000, 10, 28)):
        if name not in want:
            continue
        x = make(n, d, seed)
        x.astype("<f8").tofile(os.path.join(out, name + ".f64"))
        with open(os.path.join(out, name + ".meta"), "w") as f:
            f.write(f"minclustersize=25\nminpts=10\nn={n}\nd={d}\n")
        print(name, x.shape)


if __name__ == "__main__":
    main()

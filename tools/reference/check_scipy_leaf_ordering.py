#!/usr/bin/python3
"""How often SciPy's optimal_leaf_ordering misses the best drawing, by trying every drawing of small trees.

Run with Debian's python3 (apt-get install python3-scipy):
    /usr/bin/python3 tools/reference/check_scipy_leaf_ordering.py
Prints "misses/trials" for 30 random 8-point sets under average linkage (scipy/scipy#11227; SciPy 1.10.1: 16/30).
Cited in docs/hierarchical.md; not used by the tests.
"""
import numpy as np
from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering
from scipy.spatial.distance import pdist, squareform


def drawings(z, n):
    for mask in range(1 << len(z)):
        def order(node):
            if node < n:
                return [node]
            i = node - n
            a, b = order(int(z[i, 0])), order(int(z[i, 1]))
            return b + a if mask >> i & 1 else a + b
        yield order(2 * n - 2)


rng = np.random.default_rng(1)
misses = trials = 0
for _ in range(30):
    n = 8
    d = pdist(rng.uniform(size=(n, 2)))
    square = squareform(d)
    cost = lambda o: sum(square[o[i], o[i + 1]] for i in range(len(o) - 1))
    z = linkage(d, "average")
    best = min(cost(o) for o in drawings(z, n))
    trials += 1
    misses += cost(leaves_list(optimal_leaf_ordering(z, d))) > best * (1 + 1e-12)
print(f"{misses}/{trials}")

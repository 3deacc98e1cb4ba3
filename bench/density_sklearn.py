#!/usr/bin/python3
"""scikit-learn 1.2.1's side of bench/density.sh (run with Debian's /usr/bin/python3).

    density_sklearn.py gen OUT.npy N            the dbscan workload's recipe at N rows, the density kept: N/5,000
                                                blobs (sd 1) in a square whose area grows with N, 5% uniform noise
    density_sklearn.py dbscan NPY EPS MIN REPS THREADS LABELS   DBSCAN(eps, min_samples, n_jobs=THREADS)
    density_sklearn.py optics NPY MIN MAXEPS REPS THREADS LABELS OPTICS(min_samples, max_eps) (n_jobs=None); also
                                                writes LABELS.ordering (ordering_) and LABELS.fixed: the xi labels
                                                with _correct_predecessor as scikit-learn 1.3 fixed it (#26459)
    density_sklearn.py head NPY N OUT.npy       the first N rows
    density_sklearn.py compare A B              labels files (one per line): equal? equal up to renaming?

One untimed fit first when REPS > 0 (none when REPS < 0), then |REPS| timed fits: the fit alone, one JSON line
each (contender, algorithm, rows, seconds, clusters, noise, peak_rss_mb: the process's peak resident set so far).
The last fit's labels go to LABELS.
"""
import json, resource, sys, time

import numpy as np


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def gen(out, n):
    # the shared workload (gen_data.py "dbscan"): 20 blobs in [-50, 50]^2 for 100,000 rows; here n/5,000 blobs
    # in a square scaled so that rows per unit area stay the same, noise in the square widened by 10 as there
    rng = np.random.default_rng(12)
    k = max(1, n // 5000)
    half = 50 * (n / 100_000) ** 0.5
    nn = int(n * 0.95)
    c = rng.uniform(-half, half, size=(k, 2))
    x1 = c[rng.integers(0, k, size=nn)] + rng.normal(0, 1.0, size=(nn, 2))
    x2 = rng.uniform(-half - 10, half + 10, size=(n - nn, 2))
    np.save(out, np.vstack([x1, x2])[rng.permutation(n)])


def correct_predecessor_fixed(reachability_plot, predecessor_plot, ordering, s, e):
    """Schubert & Gertz 2018, Algorithm 2, as scikit-learn 1.3 has it: the predecessor (a row) among the cluster's rows."""
    while s < e:
        if reachability_plot[s] > reachability_plot[e]:
            return s, e
        p_e = predecessor_plot[e]
        for i in range(s, e):
            if p_e == ordering[i]:
                return s, e
        e -= 1
    return None, None


def timed(make, reps, labels_out, algorithm, n, params):
    if reps > 0:
        make()
    lab = None
    for _ in range(abs(reps)):
        t0 = time.perf_counter()
        lab = make()
        s = time.perf_counter() - t0
        print(json.dumps({"contender": "sklearn", "algorithm": algorithm, "rows": n, "seconds": round(s, 4),
                          "clusters": int(lab.max() + 1), "noise": int((lab < 0).sum()), "peak_rss_mb": rss_mb(),
                          "params": params}), flush=True)
    np.savetxt(labels_out, lab, fmt="%d")


def main():
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(sys.argv[2], int(sys.argv[3]))
    elif cmd == "dbscan":
        from sklearn.cluster import DBSCAN
        x = np.load(sys.argv[2])
        eps, ms, reps, threads = float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
        timed(lambda: DBSCAN(eps=eps, min_samples=ms, n_jobs=threads).fit(x).labels_, reps, sys.argv[7], "dbscan",
              len(x), f"eps={eps}, min-samples={ms}")
    elif cmd == "optics":
        from sklearn.cluster import OPTICS
        x = np.load(sys.argv[2])
        ms, max_eps, reps, threads = int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
        fitted = []

        def fit():
            # n_jobs=None: OPTICS makes one radius query per row, and with n_jobs=2 each starts joblib's threads:
            # 15 times slower here (110 s against 7.5 s at 20,000 rows)
            o = OPTICS(min_samples=ms, max_eps=max_eps).fit(x)
            fitted[:] = [o]
            return o.labels_
        timed(fit, reps, sys.argv[7], "optics", len(x), f"min-samples={ms}, max-eps={max_eps}")
        o = fitted[0]
        np.savetxt(sys.argv[7] + ".ordering", o.ordering_, fmt="%d")
        from sklearn.cluster import _optics, cluster_optics_xi
        released = _optics._correct_predecessor
        _optics._correct_predecessor = correct_predecessor_fixed
        try:
            fixed, _ = cluster_optics_xi(reachability=o.reachability_, predecessor=o.predecessor_,
                                         ordering=o.ordering_, min_samples=ms)
        finally:
            _optics._correct_predecessor = released
        np.savetxt(sys.argv[7] + ".fixed", fixed, fmt="%d")
    elif cmd == "head":
        np.save(sys.argv[4], np.load(sys.argv[2])[:int(sys.argv[3])])
    elif cmd == "compare":
        a = np.loadtxt(sys.argv[2], dtype=int)
        b = np.loadtxt(sys.argv[3], dtype=int)
        pairs = set(zip(a.tolist(), b.tolist()))
        renaming = len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))
        print(json.dumps({"compare": True, "rows": len(a), "equal": bool(np.array_equal(a, b)),
                          "equal_up_to_renaming": bool(renaming), "differing_rows": int((a != b).sum())}))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()

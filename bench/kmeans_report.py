#!/usr/bin/env python3
"""Summarises a k-means benchmark run (JSON lines from KMeansBench and bench_sklearn.py) as a Markdown table.

Usage: kmeans_report.py RESULTS.jsonl DATA_DIR

Per workload and contender: median fit seconds, ms per Lloyd iteration (median of seconds / iterations),
iterations, objective, ratio of the median to scikit-learn's, and a check: every run's objective must agree
with scikit-learn's and with the last line of DATA_DIR/NAME.ref.txt (iteration 20) to a relative 1e-9, and
its iteration count must match the reference's (converged_at, or all iterations if it never converged).
Standard library only, so any python3 runs it. Exits 1 if any check fails.
"""
import json
import os
import statistics
import sys

REL = 1e-9


def read_ref(data_dir, name):
    """(last reference SSE, converged_at, iterations) from NAME.ref.txt, or None if there is none."""
    path = os.path.join(data_dir, name + ".ref.txt")
    if not os.path.exists(path):
        return None
    conv = 0
    last = None
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("#"):
                if "converged_at=" in line:
                    conv = int(line.split("converged_at=")[1].split()[0])
            elif line:
                t, v = line.split()
                last = (int(t), float(v))
    return last[1], conv, last[0]


def close(a, b):
    return abs(a - b) <= REL * max(abs(a), abs(b))


def label(rec):
    if rec["contender"] == "sklearn":
        return "scikit-learn " + rec.get("version", "")
    if rec["contender"] == "cumulo":
        return "Cumulo (JDK %s)" % rec.get("jdk", "?")
    return rec["contender"]


def order(lbl):
    # Cumulo rows newest JDK first, scikit-learn last
    if lbl.startswith("Cumulo (JDK "):
        try:
            return (0, -int(lbl[len("Cumulo (JDK "):-1]))
        except ValueError:
            return (0, 0)
    return (1, 0)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: kmeans_report.py RESULTS.jsonl DATA_DIR")
    results, data_dir = sys.argv[1], sys.argv[2]
    runs = {}
    with open(results) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                rec = json.loads(line)
                runs.setdefault((rec["workload"], label(rec)), []).append(rec)
    if not runs:
        sys.exit(results + ": no results")

    workloads = sorted({w for w, _ in runs})
    print("| workload | contender | runs | median fit s | min–max s | ms per iteration | iterations | objective "
          "| ratio to scikit-learn | check |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    ok = True
    notes = []
    for wl in workloads:
        ref = read_ref(data_dir, wl)
        sk = [r for (w, lb), rs in runs.items() if w == wl and lb.startswith("scikit-learn") for r in rs]
        sk_med = statistics.median(r["seconds"] for r in sk) if sk else None
        sk_obj = statistics.median(r["objective"] for r in sk) if sk else None
        if ref is not None:
            expect_iter = ref[1] if ref[1] > 0 else ref[2]
            notes.append("%s: reference SSE at iteration %d = %.10e, converged_at=%d (%s)"
                         % (wl, ref[2], ref[0], ref[1],
                            "never converged; every contender should run all %d iterations" % ref[2]
                            if ref[1] == 0 else "labels stop changing at iteration %d" % ref[1]))
        for lb in sorted((lb for w, lb in runs if w == wl), key=order):
            rs = runs[(wl, lb)]
            secs = [r["seconds"] for r in rs]
            med = statistics.median(secs)
            per_iter = statistics.median(r["seconds"] / max(1, r["iterations"]) for r in rs) * 1000
            iters = sorted({r["iterations"] for r in rs})
            objs = [r["objective"] for r in rs]
            why = []
            if ref is None:
                why.append("no ref")
            else:
                if not all(close(o, ref[0]) for o in objs):
                    why.append("objective ≠ ref")
                if iters != [expect_iter]:
                    why.append("iterations ≠ %d" % expect_iter)
            if sk_obj is not None and not all(close(o, sk_obj) for o in objs):
                why.append("objective ≠ scikit-learn")
            check = "PASS" if not why else "FAIL (" + ", ".join(why) + ")"
            ok = ok and not why
            ratio = "%.2f" % (med / sk_med) if sk_med else "n/a"
            print("| %s | %s | %d | %.3f | %.3f–%.3f | %.1f | %s | %.10e | %s | %s |"
                  % (wl, lb, len(rs), med, min(secs), max(secs), per_iter, "/".join(map(str, iters)),
                     statistics.median(objs), ratio, check))
    print()
    for n in notes:
        print("- " + n)
    if not any(lb.startswith("scikit-learn") for _, lb in runs):
        print("- no scikit-learn results: ratios not available")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

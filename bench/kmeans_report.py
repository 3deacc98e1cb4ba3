#!/usr/bin/env python3
"""Summarises a k-means benchmark run (JSON lines from KMeansBench, bench_sklearn.py and PeerBench) as a
Markdown table.

Usage: kmeans_report.py RESULTS.jsonl DATA_DIR

Per workload and contender: median fit seconds, ms per Lloyd iteration (median of seconds / iterations),
iterations, objective, ratio of the median to scikit-learn's, and a check: every run's objective must agree
with scikit-learn's and with the last line of DATA_DIR/NAME.ref.txt (iteration 20) to a relative 1e-9, and
its iteration count must match the reference's (converged_at, or all iterations if it never converged).
JVM peers that cannot start from the given centres ("same_start": false) are not checked: "n/a". Lines with
an "error" field (a peer that failed or timed out) are listed under the table. Rows: Cumulo, scikit-learn,
then the peers, fastest first; after the table, per workload, the fastest peer against Cumulo.
Standard library only, so any python3 runs it. Exits 1 if a check of Cumulo or scikit-learn fails (a peer's
FAIL or failure to run is reported, not an error of the run).
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


def order(lbl, med):
    # Cumulo rows newest JDK first, then scikit-learn, then the peers, fastest first
    if lbl.startswith("Cumulo (JDK "):
        try:
            return (0, -int(lbl[len("Cumulo (JDK "):-1]), 0.0)
        except ValueError:
            return (0, 0, 0.0)
    if lbl.startswith("scikit-learn"):
        return (1, 0, 0.0)
    return (2, 0, med)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: kmeans_report.py RESULTS.jsonl DATA_DIR")
    results, data_dir = sys.argv[1], sys.argv[2]
    runs = {}
    errors = []
    with open(results) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                rec = json.loads(line)
                if "error" in rec:
                    errors.append(rec)
                    continue
                runs.setdefault((rec["workload"], label(rec)), []).append(rec)
    if not runs:
        sys.exit(results + ": no results")

    workloads = sorted({w for w, _ in runs})
    print("| workload | contender | runs | median fit s | min–max s | ms per iteration | iterations | objective "
          "| ratio to scikit-learn | check |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    ok = True  # Cumulo's and scikit-learn's checks; a peer's FAIL or error is reported but does not fail the run
    notes = []
    peer_notes = []
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
        meds = {lb: statistics.median(r["seconds"] for r in rs) for (w, lb), rs in runs.items() if w == wl}
        failed = set()
        for lb in sorted(meds, key=lambda lb: order(lb, meds[lb])):
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
            if not all(r.get("same_start", True) for r in rs):
                check = "n/a (own initial centres)"
            else:
                check = "PASS" if not why else "FAIL (" + ", ".join(why) + ")"
                if why:
                    failed.add(lb)
                if why and "peer" not in rs[0]:
                    ok = False
            ratio = "%.2f" % (med / sk_med) if sk_med else "n/a"
            print("| %s | %s | %d | %.3f | %.3f–%.3f | %.1f | %s | %.10e | %s | %s |"
                  % (wl, lb, len(rs), med, min(secs), max(secs), per_iter, "/".join(map(str, iters)),
                     statistics.median(objs), ratio, check))
        cumulo = {lb: m for lb, m in meds.items() if lb.startswith("Cumulo")}
        peers = {lb: m for lb, m in meds.items() if not lb.startswith("Cumulo") and not lb.startswith("scikit-learn")}
        if cumulo and peers:
            best_c = min(cumulo, key=cumulo.get)
            # peers that did the same work: same start and a passing check
            same = {lb: m for lb, m in peers.items()
                    if lb not in failed and all(r.get("same_start", True) for r in runs[(wl, lb)])}
            shown = set()
            for what, group in (("same start", same), ("any", peers)):  # "any" only if a different peer
                if not group or min(group, key=group.get) in shown:
                    continue
                best_p = min(group, key=group.get)
                shown.add(best_p)
                r = group[best_p] / cumulo[best_c]
                peer_notes.append("%s: fastest JVM peer (%s) %s %.3f s, fastest %s %.3f s: %s (peer / Cumulo = %.2f)"
                                  % (wl, "same start, check passed" if what == "same start" else
                                     "any, including own initialisation or a failed check", best_p,
                                     group[best_p], best_c, cumulo[best_c],
                                     "the peer is FASTER" if r < 1 else "Cumulo is faster", r))
    print()
    for n in notes:
        print("- " + n)
    for n in peer_notes:
        print("- " + n)
    for e in errors:
        print("- FAILED: %s on %s, round %s: %s" % (e.get("contender"), e.get("workload"), e.get("round"), e.get("error")))
    if not any(lb.startswith("scikit-learn") for _, lb in runs):
        print("- no scikit-learn results: ratios not available")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Summarises a mini-batch k-means benchmark run (JSON lines from MiniBatchBench and minibatch_sklearn.py).

Usage: minibatch_report.py RESULTS.jsonl

Per contender: the median fit time over every timed fit (all rounds and seeds), its min-max, the median over
seeds of the mini-batch steps taken, and the median, mean, best and worst final inertia over seeds (a seed's
inertia is the same in every round; the check below makes sure of it). Then the ratio of the median times to
scikit-learn's and whether Cumulo's median inertia is at most scikit-learn's. Each record's inertia must agree
with its objective (the same sum by the shared formula) to a relative 1e-9. Standard library only.
Exits 1 if a check fails.
"""
import json
import statistics
import sys

REL = 1e-9


def label(rec):
    if rec["contender"] == "sklearn":
        return "scikit-learn " + rec.get("version", "")
    return "Cumulo (JDK %s)" % rec.get("runtime", "java ?").split()[1].split(".")[0].split("+")[0]


def main():
    recs = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
    groups = {}
    ok = True
    for r in recs:
        groups.setdefault(label(r), []).append(r)
        if abs(r["inertia"] - r["objective"]) > REL * abs(r["objective"]):
            print("CHECK FAILED: %s seed %s: inertia %r but objective %r" % (label(r), r["seed"], r["inertia"],
                                                                               r["objective"]))
            ok = False
    rows = []
    for lbl, rs in groups.items():
        by_seed = {}
        for r in rs:
            by_seed.setdefault(r["seed"], []).append(r)
        inertia = []
        steps = []
        for seed, srs in sorted(by_seed.items()):
            vals = {round(x["inertia"], 3) for x in srs}
            if len(vals) != 1:
                print("CHECK FAILED: %s seed %s: inertia differs between rounds: %s" % (lbl, seed, sorted(vals)))
                ok = False
            inertia.append(srs[0]["inertia"])
            steps.append(srs[0]["steps"])
        t = [r["seconds"] for r in rs]
        rows.append((lbl, len(rs), len(by_seed), statistics.median(t), min(t), max(t), statistics.median(steps),
                     statistics.median(inertia), statistics.mean(inertia), min(inertia), max(inertia)))
    rows.sort(key=lambda r: (r[0].startswith("scikit"), r[0]))
    sk = [r for r in rows if r[0].startswith("scikit")]
    print("| contender | fits | seeds | median fit s | min-max s | median steps | median inertia | mean inertia "
          "| best | worst | time ratio to scikit-learn |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = "%.2f" % (r[3] / sk[0][3]) if sk else "-"
        print("| %s | %d | %d | %.3f | %.3f-%.3f | %d | %.6e | %.6e | %.6e | %.6e | %s |"
              % (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], ratio))
    if sk:
        print()
        for r in rows:
            if r is sk[0]:
                continue
            print("%s: %.2fx the speed of scikit-learn (median fit time), median inertia %s scikit-learn's (%+.2f%%)"
                  % (r[0], sk[0][3] / r[3], "<=" if r[7] <= sk[0][7] else ">", 100 * (r[7] / sk[0][7] - 1)))
    return 0 if ok else 1


sys.exit(main())

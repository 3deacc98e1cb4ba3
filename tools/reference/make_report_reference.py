#!/usr/bin/python3
"""Reference values for the report builders' tests (committed; re-run to regenerate).

Run with Debian's python3 (numpy, scikit-learn 1.2.1), not a pyenv/venv python:
    /usr/bin/python3 tools/reference/make_report_reference.py
Writes cumulo-core/src/test/resources/reference/report.json:
- "boxes": for a few value sets, numpy's default percentile (linear interpolation) at 25/50/75, and the whiskers
  as matplotlib's boxplot_stats defines them (the most extreme values within 1.5 IQR of the box, clamped to the
  box when no value lies between the fence and the quartile), the mean and the count;
- "contingency": scikit-learn's contingency_matrix of a small hand-made labelling (noise -1 as its own cluster).
Numbers are written with repr(), so Java reads exactly the float64 values numpy saw and produced.
"""
import json, os, csv
import numpy as np
import sklearn
from sklearn.metrics.cluster import contingency_matrix

assert sklearn.__version__ == "1.2.1", sklearn.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "cumulo-core", "src", "test", "resources", "reference")
CLASSIC = os.path.join(HERE, "..", "..", "cumulo-core", "src", "main", "resources", "io", "cumulo", "data", "builtin")


def box(values):
    x = np.asarray(values, dtype=np.float64)
    q1, med, q3 = np.percentile(x, [25, 50, 75])
    iqr = q3 - q1
    low = x[x >= q1 - 1.5 * iqr]
    high = x[x <= q3 + 1.5 * iqr]
    lo = q1 if len(low) == 0 or np.min(low) > q1 else np.min(low)
    hi = q3 if len(high) == 0 or np.max(high) < q3 else np.max(high)
    return {"values": [float(v) for v in x], "q1": float(q1), "median": float(med), "q3": float(q3),
            "lower_whisker": float(lo), "upper_whisker": float(hi), "mean": float(np.mean(x)), "n": int(len(x))}


with open(os.path.join(CLASSIC, "iris.csv")) as f:
    rows = list(csv.reader(f))
header = rows[0]
petal = header.index("petal_length")
by_species = {}
for r in rows[1:]:
    by_species.setdefault(r[-1], []).append(float(r[petal]))

rng = np.random.default_rng(7)
skewed = np.concatenate([rng.normal(0, 1, 97), [8.5, -9.25, 12.0]])
boxes = {
    "hand": box([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]),
    "one": box([7.5]),
    "two": box([2.0, 4.0]),
    "ties": box([2.0, 4.0, 4.0, 5.0]),
    "skewed": box(skewed),
}
for name, v in by_species.items():
    boxes["iris_petal_length_" + name] = box(v)

truth = ["a", "a", "b", "b", "b", "c", "a"]
pred = [0, 0, 1, 1, 0, -1, 2]
m = contingency_matrix(truth, pred)
out = {"numpy": np.__version__, "sklearn": sklearn.__version__, "boxes": boxes,
       "contingency": {"truth": truth, "predicted": pred, "classes": sorted(set(truth)),
                       "clusters": sorted(set(pred)), "counts": m.tolist()}}
with open(os.path.join(OUT, "report.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", os.path.join(OUT, "report.json"))

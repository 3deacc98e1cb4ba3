#!/usr/bin/env python3
"""Builds the datasets bundled in cumulo-core from ../shared/datasets/classic (one-off; output is committed).

Only the label column changes: its numeric codes become the class names scikit-learn gives them
(iris species, wine cultivar, breast-cancer diagnosis, digit), so `builtin:iris` reports "setosa" rather
than 0. Feature values are copied byte for byte.
Usage: python3 tools/bundle_datasets.py [SHARED_DATASETS_DIR]
"""
import csv, os, sys

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "datasets", "classic")
dst = os.path.join(os.path.dirname(__file__), "..", "cumulo-core", "src", "main", "resources", "io", "cumulo", "data", "builtin")
os.makedirs(dst, exist_ok=True)

sets = [
    ("iris.csv", "iris.csv", "species", ["setosa", "versicolor", "virginica"]),
    ("wine.csv", "wine.csv", "cultivar", ["class_0", "class_1", "class_2"]),
    ("breast_cancer_wdbc.csv", "breast-cancer.csv", "diagnosis", ["malignant", "benign"]),
    ("digits.csv", "digits.csv", "digit", [str(i) for i in range(10)]),
]
for name, out, label, classes in sets:
    with open(os.path.join(src, name), newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert header[-1] == "label", name
    header[-1] = label
    with open(os.path.join(dst, out), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in body:
            w.writerow(r[:-1] + [classes[int(r[-1])]])
    print(out, len(body), "rows")

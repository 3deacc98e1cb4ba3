#!/usr/bin/python3
"""Writes the small .npy fixtures of NpyReaderTest and a JSON of what they hold.

Run with Debian's python (numpy 1.24 is installed there):
    /usr/bin/python3 tools/reference/make_npy_fixtures.py
Output: cumulo-core/src/test/resources/npy/*.npy and expected.json. The expected values are written by
numpy/python (floats as repr, which round-trips exactly), so the test checks the Java reader against numpy's
own view of the files, not against itself.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "cumulo-core", "src", "test", "resources", "npy")
rng = np.random.default_rng(20240501)
expected = {}


def matrix(name, arr, version=None, note=""):
    path = os.path.join(OUT, name + ".npy")
    if version is None:
        np.save(path, arr, allow_pickle=False)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, arr, version=version, allow_pickle=False)
    back = np.load(path)
    as_f8 = back.astype(np.float64)
    expected[name] = {
        "file": name + ".npy",
        "dtype": back.dtype.str,
        "fortran": bool(np.isfortran(back)),
        "shape": list(back.shape),
        # row-major values as doubles; non-finite ones as the strings "nan", "inf", "-inf" (not valid JSON)
        "values": [[float(v) if np.isfinite(v) else str(v) for v in row] for row in as_f8.tolist()]
        if back.ndim == 2 else None,
        "note": note,
    }


def labels(name, arr, texts, note=""):
    path = os.path.join(OUT, name + ".npy")
    np.save(path, arr, allow_pickle=False)
    expected[name] = {"file": name + ".npy", "dtype": np.load(path).dtype.str, "shape": list(arr.shape),
                      "labels": texts, "note": note}


os.makedirs(OUT, exist_ok=True)
f8 = np.array([[0.1, -2.5, 1e-300],
               [3.0, 1.7976931348623157e308, -0.0],
               [5e-324, 123456.789, -7.25],
               [2.0 / 3.0, np.pi, -np.e]], dtype=np.float64)
matrix("f8_c", f8, note="float64, C order; includes the largest double, the smallest subnormal and -0.0")
matrix("f8_fortran", np.asfortranarray(rng.normal(size=(5, 3))), note="float64, Fortran order")
matrix("f4", np.array([[0.1, 1.5], [-3.25, 1e-7], [16777217.0, 3.4e38]], dtype=np.float32),
       note="float32: values widen to the nearest float32 as a double")
matrix("i4", np.array([[1, -2, 3], [2147483647, -2147483648, 0]], dtype=np.int32), note="int32 matrix")
matrix("f8_be", np.array([[1.5, -2.0], [1e10, 0.125]], dtype=">f8"), note="big-endian float64")
matrix("f8_v2", rng.normal(size=(3, 2)), version=(2, 0), note="format version 2.0 (4-byte header length)")
matrix("u1", np.array([[0, 255], [7, 128]], dtype=np.uint8), note="uint8")
nan = rng.normal(size=(4, 3)).round(3)
nan[1, 2] = np.nan
matrix("nan", nan, note="one NaN cell (row 1, column x2): a missing value")
inf = np.ones((3, 2))
inf[2, 0] = np.inf
matrix("inf", inf, note="one +inf cell (row 2, column x0): an error")
matrix("cube", np.zeros((2, 3, 4)), note="3-D: an error")
matrix("vector", np.arange(5.0), note="1-D as data: an error (fine as labels)")
matrix("f2", np.ones((2, 2), dtype=np.float16), note="float16: unsupported")
np.save(os.path.join(OUT, "structured.npy"),
        np.zeros(3, dtype=[("a", "<f8"), ("b", "<i4")]), allow_pickle=False)
expected["structured"] = {"file": "structured.npy", "note": "record dtype: unsupported"}
labels("labels_int", np.array([2, 0, 1, 1, 10, -1], dtype=np.int64), ["2", "0", "1", "1", "10", "-1"],
       note="int64 labels")
labels("labels_str", np.array(["setosa", "virginica", "setosa", "versicolor", "caf\u00e9", "\u00fcber"]),
       ["setosa", "virginica", "setosa", "versicolor", "caf\u00e9", "\u00fcber"], note="'<U' strings")
labels("labels_bytes", np.array([b"a", b"bb", b"a"]), ["a", "bb", "a"], note="'|S' byte strings")
labels("labels_float", np.array([1.0, 2.0, 0.0]), ["1", "2", "0"], note="float labels that are whole numbers")

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True, allow_nan=False)
    f.write("\n")
print("wrote", len(expected), "fixtures to", os.path.normpath(OUT))

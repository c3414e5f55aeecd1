"""A student's answers, carried out of the sandbox as plain JSON data and rebuilt for the checks.

The grader never trusts what a student's kernel says about its results. It asks the kernel only for
the values of the variables each task names (as otter-grader does), encoded here as JSON with no
code in it, then runs the checks itself on the rebuilt values. A student can choose the values (that
is answering), but not the verdict.

>>> import pandas as pd
>>> s = pd.Series([33, 15], index=["accurate", "imprecise"])
>>> decode(json.loads(json.dumps(encode(s)))).to_dict()
{'accurate': 33, 'imprecise': 15}
>>> decode(encode(...)) is Ellipsis, decode(encode(float("nan"))) != decode(encode(float("nan")))
(True, True)
"""

from __future__ import annotations

import json
import math
from typing import Any

MISSING = {"__missing__": True}
MAX_DEPTH = 20


def encode(value: Any, depth: int = 0) -> Any:
    """A value as JSON data: numbers, text, lists, dicts, pandas Series and DataFrames, dates,
    Plotly figures; anything else only as its type name."""
    import pandas as pd  # (the kernel may not have imported pandas)

    if depth > MAX_DEPTH:
        return {"__unsupported__": "nested too deeply"}
    if value is Ellipsis:
        return {"__ellipsis__": True}
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**53 else {"__bigint__": str(value)}
    if isinstance(value, float):
        return value if math.isfinite(value) else {"__float__": repr(value)}
    if value is pd.NaT or value is pd.NA:
        return {"__missing_value__": "NaT" if value is pd.NaT else "NA"}
    if isinstance(value, pd.Timestamp):
        return {"__timestamp__": value.isoformat()}
    if isinstance(value, pd.Series):
        return {"__series__": {"index": [encode(i, depth + 1) for i in value.index],
                               "values": [encode(v, depth + 1) for v in value.tolist()], "name": encode(value.name)}}
    if isinstance(value, pd.DataFrame):
        return {"__frame__": {"columns": [encode(c, depth + 1) for c in value.columns],
                              "index": [encode(i, depth + 1) for i in value.index],
                              "rows": [[encode(v, depth + 1) for v in row] for row in value.itertuples(index=False)]}}
    if hasattr(value, "to_plotly_json") and hasattr(value, "layout"):
        return {"__figure__": json.loads(value.to_json())}
    if hasattr(value, "item") and hasattr(value, "dtype") and getattr(value, "shape", None) == ():
        return encode(value.item(), depth + 1)  # a numpy scalar
    if hasattr(value, "tolist") and hasattr(value, "dtype"):
        return [encode(v, depth + 1) for v in value.tolist()]  # a numpy array
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [encode(v, depth + 1) for v in items]
    if isinstance(value, dict):
        return {"__dict__": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    return {"__unsupported__": type(value).__name__}


class Unsupported:
    """A value the grader could not carry out of the sandbox (its type is kept for the message)."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __repr__(self) -> str:
        return f"<a {self.what}>"


def decode(data: Any, depth: int = 0) -> Any:
    """The value that :func:`encode` wrote. Raises ``ValueError`` for data it did not write."""
    import pandas as pd

    if depth > MAX_DEPTH + 2:
        raise ValueError("nested too deeply")
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [decode(v, depth + 1) for v in data]
    if not isinstance(data, dict) or len(data) != 1:
        raise ValueError("not an encoded value")
    (tag, body), = data.items()
    if tag == "__ellipsis__":
        return ...
    if tag == "__missing__":
        return ...
    if tag == "__float__":
        return float(body) if body in ("nan", "inf", "-inf") else math.nan
    if tag == "__bigint__":
        return int(str(body)[:400])
    if tag == "__missing_value__":
        return pd.NaT if body == "NaT" else pd.NA
    if tag == "__timestamp__":
        return pd.Timestamp(str(body))
    if tag == "__series__":
        return pd.Series([decode(v, depth + 1) for v in body["values"]],
                         index=[_key(decode(i, depth + 1)) for i in body["index"]], name=_key(decode(body["name"])),
                         dtype=object).infer_objects()
    if tag == "__frame__":
        columns = [_key(decode(c, depth + 1)) for c in body["columns"]]
        rows = [[decode(v, depth + 1) for v in row] for row in body["rows"]]
        frame = pd.DataFrame(rows, columns=columns, index=[_key(decode(i, depth + 1)) for i in body["index"]])
        return frame.infer_objects()
    if tag == "__figure__":
        import plotly.graph_objects as go

        return go.Figure(body)
    if tag == "__dict__":
        return {_key(decode(k, depth + 1)): decode(v, depth + 1) for k, v in body}
    if tag == "__unsupported__":
        return Unsupported(str(body)[:80])
    raise ValueError(f"unknown tag {tag[:40]!r}")


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def dump(namespace: dict[str, Any], names: list[str], mark: str) -> None:
    """Print the named variables of ``namespace`` as one JSON line after ``mark`` (run as the last
    cell of a submission, in the student's kernel)."""
    out = {}
    for name in names:
        try:
            out[name] = encode(namespace[name]) if name in namespace else MISSING
        except Exception as error:  # (a value that cannot be encoded is reported, not fatal)
            out[name] = {"__unsupported__": f"{type(error).__name__} while reading it"}
    print(mark + json.dumps(out, allow_nan=False))

"""Small, security-relevant helpers for the HTML that the course writes into notebook outputs."""

from __future__ import annotations

import json
from typing import Any

_UNSAFE_IN_SCRIPT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: it cannot close the script
    element or start markup, whatever text the data holds.

    >>> script_json({"q": "</script><script>alert(1)</script>"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "".join(_UNSAFE_IN_SCRIPT.get(ch, ch) for ch in text)

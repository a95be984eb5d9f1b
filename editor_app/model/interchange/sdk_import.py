"""Read a timeline from whatever a user's script printed: JSON, or the SDK's dict printed as is.

`print(json.dumps(timeline.to_json()))` gives JSON; `print(timeline.to_json())` gives a Python
dict whose enum members print as `<Fit.crop: 'crop'>`. Both are read here, the second through
`ast.literal_eval` (which evaluates literals only, never code) after the enum members are
replaced by their values.
"""

from __future__ import annotations

import ast
import json
import re
from typing import Any

from editor_app.model.errors import InvalidTimelineJSON
from editor_app.model.timeline import Timeline

# `<Fit.crop: 'crop'>`, `<AssetType.video: 'video'>`, `<Fit.none: 'None'>` (str-valued enums)
_ENUM_REPR = re.compile(r"<[A-Za-z_][\w.]*: ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")>")


def timeline_from_text(text: str, where: str = "<text>") -> Timeline:
    """Editor JSON, or a printed SDK dict, into a Timeline; InvalidTimelineJSON names the problem."""
    stripped = text.strip()
    if not stripped:
        raise InvalidTimelineJSON(f"{where}: the text is empty")
    return Timeline.from_editor_json(_decode(stripped, where))


def _decode(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as json_error:
        try:
            return ast.literal_eval(_ENUM_REPR.sub(r"\1", text))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            raise InvalidTimelineJSON(
                f"{where}: line {json_error.lineno}, column {json_error.colno}: {json_error.msg} "
                "(neither JSON nor a printed Python dict)"
            ) from None

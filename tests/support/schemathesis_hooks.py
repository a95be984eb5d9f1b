"""Checks of ours that `schemathesis run` loads (SCHEMATHESIS_HOOKS=tests.support.schemathesis_hooks)."""

from __future__ import annotations

from typing import Any

import schemathesis


@schemathesis.check
def error_envelope(ctx: Any, response: Any, case: Any) -> bool | None:
    """A refusal is `{"success": false, "message": str, "error_code": str}`, as the SDKs read it."""
    if response.status_code < 400:
        return None
    body = response.json()
    assert isinstance(body, dict) and body.get("success") is False, f"not the error envelope: {body!r}"
    assert isinstance(body.get("message"), str) and body["message"], f"no message: {body!r}"
    assert isinstance(body.get("error_code"), str) and body["error_code"], f"no error_code: {body!r}"
    return True

"""The base of every wire model and the envelope around every response.

Unknown fields are ignored everywhere, as the cloud adds fields over time.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class WireModel(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Envelope(WireModel, Generic[T]):
    """`{"success": bool, "data": {...}, "message"?: str}` around every response."""

    success: bool = True
    data: T | None = None
    message: str | None = None
    error_code: str | None = None


class ErrorBody(WireModel):
    success: Literal[False] = False
    message: str
    error_code: str | None = None

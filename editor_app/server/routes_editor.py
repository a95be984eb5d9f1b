"""Editor compile/export routes and async job responses (filled in by the renderer work)."""

from fastapi import APIRouter

router = APIRouter()

"""Test support: shared fixtures (loaded as plugins by tests/conftest.py) and helper libraries.

Fixtures used by more than one test folder live here (`media`, `server`); a folder's own
fixtures stay in its conftest. Test modules import helpers from here, never from a conftest or
from another test module."""

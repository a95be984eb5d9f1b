"""Shared test set-up: Qt stays offscreen, whoever imports it; the shared fixtures of
`tests/support` are plugins, so no test module imports a conftest or another test."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.support.media", "tests.support.server"]

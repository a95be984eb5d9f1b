"""Shared test set-up: Qt stays offscreen, whoever imports it."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

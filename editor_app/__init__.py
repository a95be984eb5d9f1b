"""VideoDB Timeline Editor: a desktop timeline editor for the VideoDB editor API."""

__version__ = "0.1.0"

"""Headless use of the editor: `videodb-editor render`, its terminal progress, and `serve` as a child."""

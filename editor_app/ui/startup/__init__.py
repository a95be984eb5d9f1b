"""Starting up: the welcome dialog, the demo project, `--smoke-test` and `--screenshot`."""

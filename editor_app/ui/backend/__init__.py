"""Which backend the window talks to: the embedded local one (a child process) or VideoDB cloud."""

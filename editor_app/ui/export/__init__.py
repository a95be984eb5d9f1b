"""Exporting the timeline to a file: the dialog, the job state machine and its worker steps,
the Exports dock rows, and keeping jobs with the project so they resume after a restart."""

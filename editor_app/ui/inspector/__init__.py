"""The Inspector dock: the properties of the selected clips, or of the timeline."""

"""The preview pane: plays the compiled timeline's stream through libvlc, in step with the timeline."""

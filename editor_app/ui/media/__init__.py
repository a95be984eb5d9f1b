"""The Media Bin: the backend's media, imports and uploads, thumbnails and waveforms, relinking."""

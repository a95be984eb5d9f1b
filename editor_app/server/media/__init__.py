"""Media processing behind the media routes: receiving uploads, probing and ingesting files,
thumbnails, thumbnail strips and waveforms, and the cut-list stream of one video."""

"""Preview proxies of videos and the local backend's settings (docs/architecture.md, "Proxies
and preview size")."""

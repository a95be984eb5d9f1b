"""App configuration: where to render (`settings`) and the cloud API key (`key_store`). No Qt here."""

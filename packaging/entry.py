"""The bundle's entry point: the same `videodb-editor` command as the installed script."""

import sys

from editor_app.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""``python -m deliberations.cli``: the ``deliberations`` command."""

import sys

from deliberations.cli import main

if __name__ == "__main__":
    sys.exit(main())

# `python -m hooks ...`
from __future__ import annotations

import os
import sys

# `python -m` puts the current folder first on sys.path: an example there named like a module the engine imports
# (secrets.py, regex.py, json.py) would be imported instead of it. The engine is installed; the folder is not needed.
sys.path[:] = [p for p in sys.path if p not in ("", os.getcwd())]

from hooks.cli import main  # noqa: E402

sys.exit(main())

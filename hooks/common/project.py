# Which project the engine works on: the checkout this package lives in, or (an installed wheel) the project
# around the current folder. Its files (snippets/, the timeline helpers, benchmarks/) are read from there.
from __future__ import annotations

import functools
from pathlib import Path

from hooks.common.errors import SetupError

# A folder is a project when it has both.
MARKERS = ("mkdocs.yml", "snippets")
_CHECKOUT = Path(__file__).resolve().parents[2]  # the source tree, when the package is not installed as a wheel


def is_project(folder: Path) -> bool:
    return all((folder / marker).exists() for marker in MARKERS)


def find_project(start: Path | None = None) -> Path | None:
    """The checkout this package lives in (a source tree or an editable install); otherwise the nearest folder at or
    above `start` (default: the current folder) that is a project; None when there is none."""
    if is_project(_CHECKOUT):
        return _CHECKOUT
    here = (start or Path.cwd()).resolve()
    return next((folder for folder in (here, *here.parents) if is_project(folder)), None)


@functools.cache
def project_root() -> Path:
    """The project (see find_project), found once per process; SetupError saying where to run when there is none."""
    found = find_project()
    if found is None:
        raise SetupError(
            f"no project found at or above {Path.cwd()}: run this in the project's folder (the one holding "
            f"{' and '.join(MARKERS)}/), e.g. a clone of the site's repository"
        )
    return found

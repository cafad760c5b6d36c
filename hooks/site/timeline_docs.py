# What pages show about timelines: the helpers, read from snippets/timeline/ (a computed block prints it).
from __future__ import annotations

import textwrap

from hooks.site.render import fenced
from hooks.timeline.helpers import helper_dir, helpers
from hooks.toolchains import TOOLCHAINS, order


def helper_tabs() -> str:
    """The helper of each language that has one in snippets/timeline/, as linked content tabs, in page order."""
    tabs = []
    found = helpers()
    for language in (name for name in order() if name in found and (helper_dir() / found[name]).is_file()):
        name = found[language]
        source = (helper_dir() / name).read_text(encoding="utf-8")
        block = fenced(source, TOOLCHAINS[language].fence, f'title="snippets/timeline/{name}" linenums="1"')
        tabs.append(f'=== "{TOOLCHAINS[language].label}"\n\n{textwrap.indent(block, "    ")}\n')
    return "\n".join(tabs)

# What pages show about timelines: the four helpers, read from snippets/timeline/ (a computed block prints it).
from __future__ import annotations

import textwrap

from hooks.site.render import fenced
from hooks.timeline.helpers import HELPERS, helper_source
from hooks.toolchains import TOOLCHAINS

ORDER = ("python", "elixir", "csharp", "go")  # the order of the site's tabs


def helper_tabs() -> str:
    """The helper of each language, as linked content tabs (Python | Elixir | C# | Go)."""
    tabs = []
    for language in ORDER:
        name = HELPERS[language]
        source = helper_source(language).decode("utf-8")  # no link followed: HelperError names a refused one
        block = fenced(source, TOOLCHAINS[language].fence, f'title="snippets/timeline/{name}" linenums="1"')
        tabs.append(f'=== "{TOOLCHAINS[language].label}"\n\n{textwrap.indent(block, "    ")}\n')
    return "\n".join(tabs)

# What pages show about timelines: the helpers, read from snippets/timeline/ (a computed block prints it).
from __future__ import annotations

import textwrap

from hooks.site.render import fenced
from hooks.timeline.helpers import helper_source, helpers
from hooks.toolchains import TOOLCHAINS, order


def helper_tabs() -> str:
    """The helper of each language that keeps one in snippets/timeline/, as linked content tabs, in page order."""
    tabs = []
    for language in (name for name in order() if name in helpers()):
        if (helper := TOOLCHAINS[language].timeline) is None or helper.source is not None:
            continue  # a record that brings its own helper (a test's) is not the project's to show
        source = helper_source(language).decode("utf-8")  # no link followed: HelperError names a refused one
        block = fenced(source, TOOLCHAINS[language].fence, f'title="snippets/timeline/{helper.file}" linenums="1"')
        tabs.append(f'=== "{TOOLCHAINS[language].label}"\n\n{textwrap.indent(block, "    ")}\n')
    return "\n".join(tabs)

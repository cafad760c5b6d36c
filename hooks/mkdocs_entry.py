# The file mkdocs.yml lists under `hooks:`. MkDocs loads it by path and never reloads it under
# `mkdocs serve`, so it only re-exports the event handlers; the logic lives in hooks.site.build.
from hooks.site.build import (  # noqa: F401
    on_build_error,
    on_config,
    on_files,
    on_page_markdown,
    on_post_build,
    on_serve,
    on_shutdown,
    on_startup,
)

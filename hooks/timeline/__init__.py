"""Timelines: the event protocol an example writes while it runs (snippets/timeline/ has a helper per language),
parsed and validated (`events`), declared shapes checked on its spans (`shapes`), drawn as SVG (`svg`), and the
helpers put beside an example (`helpers`). May import `common`, `process`, `toolchains`."""

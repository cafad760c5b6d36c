# Timelines: events an example records while it runs (snippets/timeline/), validated, checked and drawn as SVG.

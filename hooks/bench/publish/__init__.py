"""Publishing: Markdown and SVG charts for the benchmark pages, the findings, the fact-check pages, and the build
integration that measures (or takes from the cache) before pages render. May import every other `bench` sub-layer."""

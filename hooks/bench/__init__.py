"""Benchmarks: programs under benchmarks/, measured by a harness (`measure`), summarized into results.json and its
derived figures (`results`), set against the article's claims (`factcheck`), rendered for the pages (`publish`).
Sub-layers in that order, each importing only those before it. May import `common`, `process`, `toolchains`,
`timeline`, `engine`; never `site`."""

"""Site adapter: what turns engine results into a site — the MkDocs event handlers (`build`, the only module that
imports mkdocs), markers in pages, Markdown rendering, the execution report, failures as the build tells them,
computed (`exec="on"`) blocks, the build stamp. May import every layer below it: `common`, `process`, `toolchains`,
`timeline`, `engine`, `bench`."""

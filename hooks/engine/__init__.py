"""Engine: examples and what they declare (options, cores, patterns), running one example (`run_example`),
scheduling many at once through the cache (`scheduler`), judging a run (`checks`, `timeline_check`), and the
analysis notebook's execution. Knows nothing of MkDocs or pages. May import `common`, `process`, `toolchains`,
`timeline`."""

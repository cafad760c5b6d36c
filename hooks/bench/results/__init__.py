"""Results: the results.json document, the figures derived from it (slopes, speed-ups, curves, what caps a curve),
number formatting, and the document of the build in progress that pages render from. May import `bench.measure`."""

"""Fact check: the article's numeric claims as data, each judged against this build's figures, written as
fact-check.json; published measurements by others, cited as data. May import `bench.measure`, `bench.results`."""

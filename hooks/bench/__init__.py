# Benchmarks: programs under benchmarks/, measured by a harness, published from results.json.

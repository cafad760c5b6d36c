"""Process layer: the one way any process is started (`run.run_process`, or `run.Running` for one that is talked to
while it runs: line callbacks, stdin, SIGTERM) — sandbox (bubblewrap), resource limits and their cgroups, output
capture, CPU time, process-tree kill, and the one reader of /proc (`proc`). Owns every `subprocess`, `os.fork` and
`os.kill` of the project (tests/test_process_layer.py). May import `hooks.common` only."""

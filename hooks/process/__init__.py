"""Process layer: the one way any process is started (`run.run_process`) — sandbox (bubblewrap), resource limits and
their cgroups, output capture, process-tree kill. Owns every `subprocess`, `os.fork` and `os.kill` of the project.
May import `hooks.common` only."""

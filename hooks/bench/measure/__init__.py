"""Measuring: find benchmark programs and build them, run each as a process through the process layer (wall and CPU
time, RSS), the HTTP client runs, profiles, the machine's fingerprint, summary statistics and the measurement cache."""

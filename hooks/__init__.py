"""Concurrency Models, Executed: the engine that runs every example of the site at build time."""

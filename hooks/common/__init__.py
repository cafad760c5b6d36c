"""Common: the leaf pieces every layer uses — settings read from the environment, the engine's exceptions, the one
`path:line` location, atomic writes, escaping of untrusted text, bounded no-follow reads of
files a run or a change could have written, what the machine is. Imports nothing of `hooks`."""

# The HTTP warm-up client, run as a process of its own in the server's network namespace (the server may be
# sandboxed with a loopback of its own): `python -m hooks.bench.measure.warmup PORT SECONDS [CONNECTIONS]`.
from __future__ import annotations

import http.client
import sys
import time


def warm_up(port: int, seconds: float, connections: int = 4) -> int:
    """GET / over a few keep-alive connections, one request at a time, for `seconds`: enough for a JIT to compile
    the server's hot path before wrk measures (wrk itself runs for whole seconds only). Returns the requests made;
    raises RuntimeError when the server does not answer 200."""
    clients = [http.client.HTTPConnection("127.0.0.1", port, timeout=5.0) for _ in range(connections)]
    deadline = time.monotonic() + seconds
    done = 0
    try:
        while time.monotonic() < deadline:
            client = clients[done % connections]
            client.request("GET", "/", headers={"Connection": "keep-alive"})
            response = client.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"warm-up: GET / answered {response.status}")
            done += 1
    except (OSError, http.client.HTTPException) as exc:
        raise RuntimeError(f"warm-up: GET / failed after {done} requests: {exc}") from exc
    finally:
        for client in clients:
            client.close()
    return done


def main(argv: list[str]) -> int:
    port, seconds = int(argv[0]), float(argv[1])
    connections = int(argv[2]) if len(argv) > 2 else 4
    try:
        print(warm_up(port, seconds, connections))
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

# Unit tests for hooks.bench.measure.http: parsing wrk's output, pinning, the warm-up client.
from __future__ import annotations

import sys

import pytest

from hooks.bench.measure import warmup
from hooks.bench.measure.http import _run_client, free_port, parse_wrk, pinned, warm_up
from hooks.bench.measure.measure import RunError

WRK = """Running 2s test @ http://127.0.0.1:4000/
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.50us  300.10us   9.87ms   90.00%
    Req/Sec    39.12k     1.01k   41.00k    70.00%
  Latency Distribution
     50%  780.00us
     75%    0.90ms
     90%    1.10ms
     99%    2.50ms
  77843 requests in 2.00s, 9.50MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
Requests/sec:  38921.50
Transfer/sec:      4.75MB
"""


def test_parse_wrk() -> None:
    found = parse_wrk(WRK)
    assert found["requests_per_second"] == 38921.5
    assert found["latency_p50_seconds"] == pytest.approx(780e-6)
    assert found["latency_p99_seconds"] == pytest.approx(2.5e-3)
    assert found["requests"] == 77843
    assert found["socket_errors"] == 3
    assert found["non_2xx"] == 0


def test_parse_wrk_without_a_rate_is_an_error() -> None:
    with pytest.raises(RunError, match="Requests/sec"):
        parse_wrk("unable to connect to 127.0.0.1:4000 Connection refused\n")


def test_pinned_prefixes_taskset_when_the_cpu_exists() -> None:
    argv = pinned(0, ["server"])
    assert argv[-1] == "server"
    assert argv[:3] in (["taskset", "-c", "0"], ["server"])


def test_warm_up_sends_requests_until_the_time_is_up() -> None:
    import http.server
    import threading

    class Hello(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"hello")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert warmup.warm_up(server.server_address[1], 0.2) > 10  # the client itself
        warm_up(server.server_address[1], 0.2)  # run as a process of its own, as the harness does
    finally:
        server.shutdown()
        server.server_close()
    with pytest.raises(RunError, match="warm-up"):
        warm_up(free_port(), 0.1)


def test_a_client_cpu_time_is_its_own_not_its_namespace_init() -> None:
    """The saturation guard's input, for real: a client that burns 0.3 s of CPU is accounted at least that (before,
    wait4 saw only the PID namespace's init and reported a few milliseconds)."""
    burn = "import time\nwhile time.process_time() < 0.3: pass\nprint('done')"
    text, code, cpu = _run_client([sys.executable, "-c", burn], 60, None)
    assert code == 0 and "done" in text
    assert cpu is None or cpu >= 0.3  # None only where no cgroup could be made (then no figure is published)

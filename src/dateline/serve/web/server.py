"""Run the app with uvicorn on a background thread: for browser tests, benchmarks and screenshots.

``dateline serve`` itself runs uvicorn in the foreground (:func:`dateline.serve.api.serve`);
this is for code that needs a real server on 127.0.0.1 while it does something else.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

from dateline.errors import ConfigError

__all__ = ["free_port", "running"]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago on ``host``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running(
    app: Any, *, host: str = "127.0.0.1", port: int | None = None, timeout: float = 20.0
) -> Iterator[str]:
    """Serve ``app`` on ``host:port`` (a free port by default) while the block runs; yields the base URL."""
    import uvicorn

    config = uvicorn.Config(
        app, host=host, port=port or free_port(host), log_level="warning", server_header=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="dateline-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise ConfigError(f"the server did not start on {host}:{config.port}")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout)

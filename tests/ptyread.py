"""Everything a process showed on a pseudo-terminal, read until it closes its end."""

from __future__ import annotations

import os
import select
import subprocess
import time


def read_terminal(master: int, process: subprocess.Popen, seconds: float = 60) -> bytes:
    """What ``process`` wrote to the terminal whose other end is ``master`` (then closed),
    read until the process closes it or ``seconds`` pass: a stuck child fails the test
    rather than hanging it."""
    chunks = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return b"".join(chunks)

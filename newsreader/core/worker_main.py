"""The worker side of :class:`~newsreader.core.workers.WorkerPool`: the loop a worker runs.

Kept apart from the pool (which is asyncio code) so that a worker imports only this and the
modules of its jobs: each import is start-up time paid again by every worker.
"""

from __future__ import annotations

import pickle
from typing import Any, BinaryIO

# Bytes of the big-endian length in front of every frame.
HEADER = 4


def frame(payload: bytes) -> bytes:
    """Return ``payload`` with its length in front."""
    return len(payload).to_bytes(HEADER, "big") + payload


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    """Run jobs read from ``stdin`` until it closes; the worker side of :class:`WorkerPool`."""
    # An empty frame first: "started". A worker that dies before sending it could not start.
    stdout.write(frame(b""))
    stdout.flush()
    while True:
        head = stdin.read(HEADER)
        if len(head) < HEADER:
            return
        body = stdin.read(int.from_bytes(head, "big"))
        answer: tuple[bool, Any]
        try:
            func, args = pickle.loads(body)
            answer = (True, func(*args))
        except Exception as err:  # noqa: BLE001 - sent back to the parent, which raises JobFailed
            answer = (False, f"{type(err).__name__}: {err}")
        try:
            payload = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
        except Exception as err:  # noqa: BLE001 - an unpicklable result is the job's failure
            payload = pickle.dumps((False, f"unpicklable result: {err}"))
        stdout.write(frame(payload))
        stdout.flush()

"""Worker processes for CPU-bound work (parsing and indexing synced pages), driven from asyncio.

Each worker is ``python -c`` running :func:`~newsreader.core.worker_main.serve`, fed over its
stdin and answering on its stdout with length-prefixed pickles, one answer per job, in order.
Functions travel by reference (module and name), so a job runs whatever the worker can import.

Plain subprocesses rather than :mod:`multiprocessing`: its ``spawn`` start method runs the parent's
main script again in every worker, which breaks (and keeps respawning) under any script without an
``if __name__ == "__main__"`` guard, and ``fork`` is unsafe in a process that runs threads (the
TUI's driver, asyncio's executor). A worker whose parent dies sees its stdin close and exits.
"""

from __future__ import annotations

import asyncio
import collections
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from newsreader.core.errors import JobFailed, WorkerDied, WorkerStartFailed
from newsreader.core.sanitize import clean_line
from newsreader.core.worker_main import HEADER, frame

T = TypeVar("T")

# The end of a worker's stderr kept, and how long a dead worker's last words are waited for.
STDERR_KEEP = 4096
STDERR_GRACE = 0.5

# The child is started with nothing but the interpreter: it learns the parent's sys.path first.
# Then it imports the modules its jobs will need, before it says it has started: a worker
# started ahead of its first job is then ready for it.
_BOOTSTRAP = (
    "import sys, pickle, importlib\n"
    "path, preload = pickle.load(sys.stdin.buffer)\n"
    "sys.path[:0] = path\n"
    "from newsreader.core.worker_main import serve\n"
    "for name in preload: importlib.import_module(name)\n"
    "serve(sys.stdin.buffer, sys.stdout.buffer)\n"
)


class _Worker:
    """One worker process: jobs are written in order and answered in order."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        self.proc = proc
        self._stdin = proc.stdin
        self._stdout = proc.stdout
        self._waiting: collections.deque[asyncio.Future[Any]] = collections.deque()
        self.alive = True
        self.started = False
        self._stderr_tail = b""
        self._stderr = asyncio.create_task(self._read_stderr(proc.stderr), name="worker-stderr")
        self._reader = asyncio.create_task(self._read_answers(), name="worker-answers")

    @property
    def load(self) -> int:
        """Jobs sent and not answered yet."""
        return len(self._waiting)

    async def run(self, payload: bytes) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        try:
            self._stdin.write(frame(payload))
            await self._stdin.drain()
        except (ConnectionError, RuntimeError) as err:
            self._die(f"worker {self.proc.pid} stopped taking jobs: {err}")
        return await future

    async def _read_answers(self) -> None:
        try:
            await self._stdout.readexactly(HEADER)  # the "started" frame: length 0
            self.started = True
            while True:
                head = await self._stdout.readexactly(HEADER)
                body = await self._stdout.readexactly(int.from_bytes(head, "big"))
                ok, value = pickle.loads(body)
                future = self._waiting.popleft()
                if future.done():
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(JobFailed(str(value)))
        except (asyncio.IncompleteReadError, ConnectionError):
            # What the worker printed last (a traceback's last line) says why it exited; its
            # stderr ends with it, so wait for that a moment.
            await asyncio.wait({self._stderr}, timeout=STDERR_GRACE)
            self._die(f"worker process {self.proc.pid} exited{self._last_words()}")

    async def _read_stderr(self, stderr: asyncio.StreamReader) -> None:
        """Keep the end of what the worker writes to stderr (read all: a full pipe blocks it)."""
        while chunk := await stderr.read(STDERR_KEEP):
            self._stderr_tail = (self._stderr_tail + chunk)[-STDERR_KEEP:]

    def _last_words(self) -> str:
        lines = self._stderr_tail.decode("utf-8", "replace").splitlines()
        last = next((line for line in reversed(lines) if line.strip()), "")
        return f": {clean_line(last)[:200]}" if last else ""

    def _die(self, reason: str) -> None:
        self.alive = False
        error = WorkerDied if self.started else WorkerStartFailed
        while self._waiting:
            future = self._waiting.popleft()
            if not future.done():
                future.set_exception(error(reason))

    async def aclose(self, timeout: float) -> None:
        self.alive = False
        if not self._stdin.is_closing():
            self._stdin.close()
        try:
            await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
        self._reader.cancel()
        self._stderr.cancel()
        await asyncio.gather(self._reader, self._stderr, return_exceptions=True)
        self._die("worker pool closed")


class WorkerPool:
    """A few worker processes that run picklable jobs, started on first use.

    Args:
        size: Number of processes.
        executable: The Python interpreter to run them with; default this one's.
        max_restarts: Dead workers replaced at most this many times in all; after that the
            pool runs on the workers left, and fails with :class:`WorkerDied` when none is.
        preload: Modules a worker imports as it starts (those of the functions it will run).
    """

    def __init__(
        self,
        size: int,
        *,
        max_restarts: int = 2,
        executable: str | None = None,
        preload: Sequence[str] = (),
    ) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self._executable = executable or sys.executable
        self._preload = list(preload)
        self._any_started = False
        self._size = size
        self._restarts_left = max_restarts
        self._workers: list[_Worker] = []
        self._started = False
        self._closed = False
        self._lock = asyncio.Lock()

    @property
    def size(self) -> int:
        """The number of worker processes the pool keeps."""
        return self._size

    async def _spawn(self) -> _Worker:
        if not self._executable:
            raise OSError("no Python interpreter to start worker processes with")
        proc = await asyncio.create_subprocess_exec(
            self._executable,
            "-c",
            _BOOTSTRAP,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            # Kept, not shown: stray output must not reach the TUI's screen, but a worker's
            # last words say why it died.
            stderr=asyncio.subprocess.PIPE,
        )
        assert proc.stdin is not None
        proc.stdin.write(pickle.dumps((list(sys.path), self._preload)))
        return _Worker(proc)

    async def start(self) -> None:
        """Start the worker processes now rather than at the first job.

        They start in the background (importing what they need takes a worker about 0.1 s of
        CPU), while the caller goes on to fetch the first pages.

        Raises:
            WorkerDied: The pool is closed.
            OSError: A worker process could not be started.
        """
        async with self._lock:
            await self._start()

    async def _start(self) -> None:
        if self._closed:
            raise WorkerDied("the worker pool is closed")
        if not self._started:
            self._started = True
            self._workers = [await self._spawn() for _ in range(self._size)]

    async def _pick(self) -> _Worker:
        async with self._lock:
            await self._start()
            self._any_started |= any(w.started for w in self._workers)
            self._workers = [w for w in self._workers if w.alive]
            while len(self._workers) < self._size and self._restarts_left > 0:
                self._restarts_left -= 1
                self._workers.append(await self._spawn())
            if not self._workers:
                if not self._any_started:
                    raise WorkerStartFailed("no worker process could start")
                raise WorkerDied("every worker process has stopped")
            return min(self._workers, key=lambda w: w.load)

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """Run ``func(*args)`` in a worker and return its result.

        Raises:
            WorkerStartFailed: The worker exited before it could start (it cannot run here).
            WorkerDied: The worker exited before answering (or no worker is left).
            JobFailed: ``func`` raised; the message says what.
            OSError: A worker process could not be started.
        """
        payload = pickle.dumps((func, args), pickle.HIGHEST_PROTOCOL)
        worker = await self._pick()
        result: T = await worker.run(payload)
        return result

    async def aclose(self, timeout: float = 5.0) -> None:
        """Stop the workers (after the jobs they hold) and wait for them to exit."""
        async with self._lock:
            self._closed = True
            workers, self._workers = self._workers, []
        await asyncio.gather(*(w.aclose(timeout) for w in workers))

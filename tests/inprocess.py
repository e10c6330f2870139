"""`python -m regsosek <command>` run inside the test process, for tests that are about what a command does
rather than about the process boundary (each real `python -m regsosek` spends a second or two importing).

The tests that keep a real process per command: tests/test_store.py (`db upgrade`, `user add|list`,
`audit verify`), tests/test_ingest_faults.py (`ingest`, killed midway), tests/browser (the app)."""

from __future__ import annotations

import contextlib
import io
import logging
import subprocess
import sys

from regsosek import cli, db, store


def run_main(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run `regsosek.cli.main(args)` as `python -m regsosek` would, with `stdin` as its standard input, on the
    environment and working directory in force; return its exit code and output like `subprocess.run`.

    A fresh process would hold no engine or connection: both are dropped before and after, and the logging
    switches a command turns off are turned back on."""
    out, err = io.StringIO(), io.StringIO()
    disabled = logging.root.manager.disable
    store.reset()
    db.reset()
    try:
        with (contextlib.redirect_stdout(out), contextlib.redirect_stderr(err),
              _stdin(io.StringIO(stdin or ""))):
            try:
                code = cli.main(list(args))
            except SystemExit as exit_:  # as the interpreter turns sys.exit(...) into an exit code
                if exit_.code is None or isinstance(exit_.code, int):
                    code = exit_.code or 0
                else:
                    print(exit_.code, file=sys.stderr)
                    code = 1
    finally:
        logging.disable(disabled)
        store.reset()
        db.reset()
    return subprocess.CompletedProcess(["python", "-m", "regsosek", *args], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _stdin(stream: io.StringIO):
    saved = sys.stdin
    sys.stdin = stream
    try:
        yield
    finally:
        sys.stdin = saved

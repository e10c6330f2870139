"""Command line: python -m regsosek <command> [options]."""

from __future__ import annotations

import importlib
import sys

# command -> (module, help). Each module exposes run(argv) -> exit code.
COMMANDS = {
    "build-reference": ("regsosek.reference_build", "rebuild data/reference from pinned packages"),
    "generate": ("regsosek.synth.cli", "write synthetic snapshots (demo or full scale)"),
    "ingest": ("regsosek.ingest", "validate a snapshot folder and publish it"),
    "demo": ("regsosek.demo", "build and publish the embedded demo if absent, with the demo accounts"),
    "db": ("regsosek.store", "create or migrate the app database (REGSOSEK_DB_URL) and move earlier files in"),
    "user": ("regsosek.users", "add and delete users, change passwords, list users"),
    "audit": ("regsosek.audit", "verify the audit log and print its head"),
    "realism": ("regsosek.realism", "compare a snapshot with published East Java figures"),
    "brief": ("regsosek.brief", "write the dated one-page briefs (PDF and PNG) of areas"),
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        print("usage: python -m regsosek <command> [options]\n\ncommands:")
        for name, (_, help_text) in COMMANDS.items():
            print(f"  {name:<16} {help_text}")
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return module.run(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

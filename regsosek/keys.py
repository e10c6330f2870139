"""Server secrets, kept in .streamlit/secrets.toml under the app's working directory.

`[auth] cookie_key` signs the sign-in cookie; `[audit] key` keys the audit log's
hash chain. They live outside the data folder on purpose: someone who can rewrite
the audit log under data/ must not also find the key that would let the rewrite
verify. A key that is absent is generated once (owner-only file); a key that is
present but shorter than MIN_BYTES is refused.
"""

from __future__ import annotations

import fcntl
import secrets
import threading
import tomllib
from pathlib import Path

from regsosek import files

MIN_BYTES = 32

_lock = threading.Lock()


def secrets_file() -> Path:
    """Where Streamlit itself looks: .streamlit/secrets.toml under the working directory."""
    return Path.cwd() / ".streamlit" / "secrets.toml"


def _fresh(section: str, name: str) -> str:
    return f'\n[{section}]\n{name} = "{secrets.token_urlsafe(48)}"\n'


def secret(section: str, name: str) -> str:
    """The value of `[section] name`, generated and added to the file the first time it is asked for."""
    path = secrets_file()
    config = tomllib.loads(files.create_once(path, _fresh(section, name).lstrip().encode("utf-8")).decode("utf-8"))
    if section not in config:
        with _lock, (path.parent / ".secrets.lock").open("a") as guard:
            fcntl.flock(guard, fcntl.LOCK_EX)
            text = path.read_text(encoding="utf-8")
            config = tomllib.loads(text)
            if section not in config:
                text += _fresh(section, name)
                files.write_text_atomic(path, text, mode=0o600)
                config = tomllib.loads(text)
    value = str(config[section].get(name, ""))
    if len(value.encode("utf-8")) < MIN_BYTES:
        raise RuntimeError(f"{path}: [{section}] {name} must be set to a secret of {MIN_BYTES} bytes or more")
    return value

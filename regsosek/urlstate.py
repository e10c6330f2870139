"""Filters in the URL: read them checked, write them back so a link opens the same view.

URL values come from anyone who can send a link, so nothing unchecked is returned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

import streamlit as st

_MAX_QUERY_VALUE_CHARS = 200
_QUERY_NAME_RE = re.compile(r"^[a-z_][a-z0-9_]{0,31}$")


def query_param(name: str, default: str | None = None, *,
                allowed: Collection[str] | Callable[[str], bool]) -> str | None:
    """A value from the URL if it passes `allowed` (a set of values or a predicate), else `default`.

    URL values come from anyone who can send a link, so nothing unchecked is returned.
    """
    value = st.query_params.get(name)
    if not isinstance(value, str) or not value or len(value) > _MAX_QUERY_VALUE_CHARS:
        return default
    ok = allowed(value) if callable(allowed) else value in allowed
    return value if ok else default


def query_param_list(name: str, *, allowed: Collection[str]) -> list[str]:
    """All values of a repeated URL parameter that are in `allowed`, in URL order, without duplicates."""
    values = st.query_params.get_all(name)
    return list(dict.fromkeys(v for v in values if len(v) <= _MAX_QUERY_VALUE_CHARS and v in allowed))


def set_query_params(**params: str | int | list[str] | tuple[str, ...] | None) -> None:
    """Write filters to the URL so the view can be shared; None removes a parameter."""
    for name, value in params.items():
        if not _QUERY_NAME_RE.match(name):
            raise ValueError(f"query parameter name not allowed: {name!r}")
        if value is None or value == [] or value == ():
            if name in st.query_params:
                del st.query_params[name]
        elif isinstance(value, list | tuple):
            st.query_params[name] = [str(v) for v in value]
        elif isinstance(value, str | int):
            st.query_params[name] = str(value)
        else:
            raise TypeError(f"query parameter {name}: unsupported value type {type(value).__name__}")

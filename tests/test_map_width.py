"""The map width a browser reports, or keeps in its cookie, is taken only when it is a plausible width."""

from __future__ import annotations

import pytest

from regsosek import map_width


@pytest.mark.parametrize(("value", "width"), [
    (940, 940), (940.4, 940), ("940", 940), (map_width.MIN_PX, map_width.MIN_PX),
    (str(map_width.MAX_PX), map_width.MAX_PX),
    (map_width.MIN_PX - 1, None), ("150", None), (map_width.MAX_PX + 1, None), ("99999999", None), ("-940", None),
    ("9e2", None), ("", None), (None, None), (True, None), ("940; path=/", None), ([940], None),
])
def test_only_a_plausible_width_is_taken(value, width):
    assert map_width._valid(value) == width

"""The demo build's one progress line over work running side by side."""

from __future__ import annotations

from regsosek import demo


def test_combined_progress_is_weighted_never_goes_back_and_names_the_part():
    lines: list[tuple[float, str]] = []
    combined = demo._Combined(lambda f, m: lines.append((f, m)), {"generate": 0.4, "a": 0.3, "b": 0.3})
    generate, a, b = combined.part("generate"), combined.part("a", "a: "), combined.part("b", "b: ")
    generate(0.5, "half")
    a(1.0, "done")
    b(0.5, "half")
    generate(0.25, "late report of an earlier step")
    generate(1.0, "done")
    b(1.0, "done")
    fractions = [f for f, _ in lines]
    assert fractions == [0.2, 0.5, 0.65, 0.65, 0.85, 1.0]
    assert [m for _, m in lines][1:3] == ["a: done", "b: half"]

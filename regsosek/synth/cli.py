"""python -m regsosek generate --scale demo|full|FRACTION --seed N --out DIR [--as-of DATE ...]"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from regsosek import facts
from regsosek.synth.generate import SCALES, generate

DEFAULT_AS_OF = [facts.CAMPAIGN_END]


def parse_scale(value: str) -> float:
    if value in SCALES:
        return SCALES[value]
    scale = float(value)
    if not 0.0005 <= scale <= 1.0:
        raise argparse.ArgumentTypeError("scale must be demo, full or a fraction in [0.0005, 1]")
    return scale


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m regsosek generate", description=__doc__)
    parser.add_argument("--scale", type=parse_scale, default=SCALES["demo"])
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--as-of", type=date.fromisoformat, action="append", dest="as_of",
                        help="snapshot date (repeatable); default 2022-11-14")
    args = parser.parse_args(argv)

    def show(fraction: float, message: str) -> None:
        print(f"{fraction:6.1%}  {message}", file=sys.stderr, flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    generate(args.out, args.scale, args.seed, args.as_of or DEFAULT_AS_OF, progress=show)
    return 0

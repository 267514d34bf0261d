"""What masking personal data costs on long, adversarial input: linear is the goal (a citizen
may send up to the message limit, a flood may send more).

    .venv/bin/python bench/mask_bench.py [--repeat 3]

For 5,000, 10,000, 20,000 and 40,000 copies of a line packed with phone, plate, e-mail and number
shapes (followed by a run of letters as long as 10 characters a copy), prints the input length,
the best CPU milliseconds of ``handlers.privacy.mask`` over the repeats, and the ratio to the
size before: about 2 for each doubling when masking stays linear.
"""

from __future__ import annotations

import argparse
import time

from handlers.privacy import mask

LINE = "0912 345 678 29A-123.45 a@b.vn 1 "
SIZES = (5_000, 10_000, 20_000, 40_000)


def text_of(copies: int) -> str:
    return LINE * copies + "a" * (copies * 10)


def best_ms(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        mask(text)
        best = min(best, time.process_time() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'copies':>8} {'chars':>10} {'cpu ms':>9} {'ratio':>6}")
    before = None
    for copies in SIZES:
        text = text_of(copies)
        ms = best_ms(text, args.repeat)
        ratio = f"{ms / before:6.2f}" if before else f"{'':>6}"
        print(f"{copies:>8} {len(text):>10} {ms:>9.1f} {ratio}")
        before = ms


if __name__ == "__main__":
    main()

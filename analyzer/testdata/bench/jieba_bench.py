#!/usr/bin/python3
"""Time Python jieba segmentation (Debian package python3-jieba) on a text.

Usage: /usr/bin/python3 jieba_bench.py FILE [SECONDS]

(Debian's python3-jieba installs for the system interpreter, /usr/bin/python3.)

Segments FILE with jieba.lcut (precise mode, HMM on: what gojieba's Cut
does) repeatedly for about SECONDS (default 5) after one warm-up call that
loads the dictionary, and prints characters per second. Compare with
BenchmarkJiebaCut and BenchmarkAnalyzeZH (go test -bench . ./analyzer/),
which report chars/s on the same file.
"""
import sys
import time

import jieba


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    text = open(sys.argv[1], encoding="utf-8").read()
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    jieba.setLogLevel(60)
    jieba.lcut(text)  # load the dictionary outside the timing
    n = 0
    start = time.perf_counter()
    while True:
        jieba.lcut(text, HMM=True)
        n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    chars = len(text) * n
    print(f"python3-jieba {jieba.__version__}: {n} runs of {len(text)} chars in "
          f"{elapsed:.2f}s: {chars / elapsed:,.0f} chars/s, {elapsed / n * 1e6:,.0f} us/run")


if __name__ == "__main__":
    main()

"""Peer for `cargo xtask bench`: faster-whisper (CTranslate2) on the same tiny.en weights.

Prints one JSON line: {"threads": N, "compute_type": ..., "seconds": best-of-runs, "text": ...}.
"""
import json
import sys
import time

from faster_whisper import WhisperModel


def main() -> None:
    model_dir, wav, threads, compute_type, beam = sys.argv[1:6]
    model = WhisperModel(model_dir, device="cpu", compute_type=compute_type, cpu_threads=int(threads))
    best = None
    text = ""
    for _ in range(2):
        t = time.perf_counter()
        segments, _info = model.transcribe(wav, language="en", beam_size=int(beam), vad_filter=False)
        text = " ".join(s.text.strip() for s in segments)  # the generator does the work
        elapsed = time.perf_counter() - t
        best = elapsed if best is None else min(best, elapsed)
    print(json.dumps({"threads": int(threads), "compute_type": compute_type, "seconds": best, "text": text}))


if __name__ == "__main__":
    main()

"""Where the real VSB sample pages live: ``../shared/vsb-samples`` beside the repository.

They are read from there and never copied in; tests that need them skip when it is absent.
"""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "vsb-samples"

"""Write the output files of ``plan`` and ``replan`` into a folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planner.export.assignments import write_assignments
from planner.model import Mission, Plan


def write_outputs(mission: Mission, plan: Plan, out_dir: Path,
                  progress: Callable[..., None] | None = None) -> list[Path]:
    """Write every output file for ``plan``; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [write_assignments(plan, out_dir / "assignments.csv")]
    if progress:
        progress("outputs", f"wrote {len(written)} files to {out_dir}", force=True)
    return written

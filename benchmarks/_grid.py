"""The synthetic country of the scale benchmarks: 17 regions of 5 x 4 degrees on a
3 x 6 grid (the two western columns in UTC+5, the rest in UTC+6), one base each."""

from __future__ import annotations

from shapely.geometry import box

from planner.model import Base, Region

__all__ = ["grid_country"]


def grid_country() -> tuple[list[Region], list[Base], list[tuple[str, float, float]]]:
    """The regions, their bases, and each region's (id, west longitude, south latitude)."""
    regions: list[Region] = []
    bases: list[Base] = []
    corners: list[tuple[str, float, float]] = []
    k = 0
    for row in range(3):
        for col in range(6):
            if k == 17:
                break
            k += 1
            rid = f"R{k:02d}"
            lon0, lat0 = 50.0 + col * 5.0, 41.0 + row * 4.0
            regions.append(
                Region(
                    rid,
                    f"Region {k}",
                    360 if col > 1 else 300,
                    f"B{k:02d}",
                    box(lon0, lat0, lon0 + 5.0, lat0 + 4.0),
                )
            )
            bases.append(Base(f"B{k:02d}", f"Base {k}", (rid,), lat0 + 2.0, lon0 + 2.5))
            corners.append((rid, lon0, lat0))
    return regions, bases, corners

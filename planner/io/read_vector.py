"""Read a vector file (GeoJSON, GeoPackage, Shapefile, ...) with GDAL: its layer, its
features as text cells and its geometry reprojected to WGS 84."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from planner.i18n import msg
from planner.io.read_base import MAX_ROWS, RawTable, fail, why
from planner.io.read_xlsx import cell_text


def read_vector(path: Path, label: str, layer: str | None, prefer_layer: str) -> RawTable:
    """The features of ``layer`` (else ``prefer_layer`` when there is one, else the
    first layer), attributes as text, geometry in WGS 84."""
    import pyogrio

    _check_shapefile_parts(path, label)
    chosen, layers = _choose_layer(path, label, layer, prefer_layer)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pyogrio.read_dataframe(path, layer=chosen)
    except Exception as exc:
        raise fail(
            label, msg("layer {chosen!r} cannot be read ({exc})", chosen=chosen, exc=why(exc))
        ) from None
    notes: list[str] = []  # messages: said in the interface language
    if len(layers) > 1:
        notes.append(msg("layer {chosen!r}", chosen=chosen))
    geometry: list[BaseGeometry | None] | None = None
    if "geometry" in frame.columns and hasattr(frame, "crs"):
        frame = _to_wgs84(frame, label, notes)
        geometry = [None if g is None or g.is_empty else g for g in frame.geometry]
    headers = [str(c) for c in frame.columns if c != "geometry"]
    cells = {h: [cell_text(v) for v in frame[h].tolist()] for h in headers}
    rows = list(range(2, len(frame) + 2))
    return RawTable(label, headers, cells, rows, geometry, notes)


def _check_shapefile_parts(path: Path, label: str) -> None:
    if path.suffix.lower() != ".shp":
        return
    siblings = {p.name.lower() for p in path.parent.iterdir()}
    if f"{path.stem.lower()}.dbf" not in siblings:
        raise fail(
            label,
            msg(
                "the shapefile's attribute table {stem}.dbf is missing: copy it (and {stem}.prj) "
                "next to {name}",
                stem=path.stem,
                name=path.name,
            ),
        )


def _choose_layer(
    path: Path, label: str, layer: str | None, prefer_layer: str
) -> tuple[str, list[str]]:
    """The layer to read and all the file's layers; refuses one with too many features."""
    import pyogrio

    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    except Exception as exc:  # GDAL errors: the file is not a vector data set
        raise fail(
            label, msg("not a readable GeoJSON/GeoPackage/Shapefile ({exc})", exc=why(exc))
        ) from None
    if not layers:
        raise fail(label, msg("the file has no layers"))
    if layer is not None and layer not in layers:
        raise fail(
            label,
            msg(
                "no layer {layer!r}; its layers are: {layers}",
                layer=layer,
                layers=", ".join(layers),
            ),
        )
    chosen = layer or (prefer_layer if prefer_layer in layers else layers[0])
    try:
        count = int(pyogrio.read_info(path, layer=chosen).get("features", 0))
    except Exception as exc:
        raise fail(
            label, msg("layer {chosen!r} cannot be read ({exc})", chosen=chosen, exc=why(exc))
        ) from None
    if count > MAX_ROWS:
        raise fail(
            label,
            msg(
                "{count:,} features: more than this program reads ({max_rows:,})",
                count=count,
                max_rows=MAX_ROWS,
            ),
        )
    return chosen, layers


def _to_wgs84(frame: Any, label: str, notes: list[str]) -> Any:
    """``frame`` in WGS 84, noting a reprojection in ``notes``."""
    if frame.crs is None or frame.crs.to_epsg() == 4326:
        return frame
    _refuse_degrees_in_projected_crs(frame, label)
    try:
        src = frame.crs.to_string()
        frame = frame.to_crs(4326)
        notes.append(msg("reprojected from {src} to WGS 84", src=src))
    except Exception as exc:
        raise fail(
            label, msg("cannot convert its coordinates to WGS 84 ({exc})", exc=why(exc))
        ) from None
    return frame


def _refuse_degrees_in_projected_crs(frame: Any, label: str) -> None:
    """A file that says its coordinates are metres (a projected CRS) but holds
    degrees has a wrong ``.prj``: reprojected, it lands near 0 N 0 E and every later
    import fails against it, so it is refused here."""
    if not frame.crs.is_projected:
        return
    import numpy as np

    bounds = np.asarray(frame.total_bounds, dtype=float)
    if (
        np.isfinite(bounds).all()
        and np.all(np.abs(bounds[[0, 2]]) <= 180)
        and np.all(np.abs(bounds[[1, 3]]) <= 90)
    ):
        raise fail(
            label,
            msg(
                "the file says its coordinates are in {to_string} (metres) but they look like "
                "degrees of longitude/latitude: its .prj is wrong (use WGS 84, EPSG:4326)",
                to_string=frame.crs.to_string(),
            ),
        )

"""Last-minute changes (``CHANGES.yaml``): read, check against a mission, apply.

A changes file is a YAML list; each item is one change, named by its only key
(INTERFACES §2)::

    - team_unavailable: T042
    - team_added: {team_id: T191, base_id: AKT, members: "A; B"}
    - polling_station_closed: AKT-0166
    - polling_station_moved: {ps_id: AKT-0167, lat: 50.30, lon: 57.20}
    - voting_hours: {ps_id: SEV-0288, open_time: "06:00", close_time: "20:00"}
    - area_blocked: {polygon: [[57.1, 50.2], [57.3, 50.2], [57.3, 50.4]]}
    - priority: {dec_id: AKT-D05, weight: 3.0}
    - pin: {team_id: T001, ps_id: AKM-0001, phase: counting}

Polygon points are ``[lon, lat]`` (GeoJSON order). Problems are reported as
``FILE:LINE:KEY: message`` where LINE is the line of the YAML file and KEY the key
at fault, all problems at once. Applying a change that is already in effect (a
station already closed, a team already unavailable) does nothing, so applying the
same file twice changes nothing more.

Blocked areas have no layer of their own yet: they live in the mission's change log
(kind ``area_blocked``) and :func:`blocked_areas` reads them back from there.

The work is split by step, each with one function per change kind: the kinds
(:mod:`change_types`), safe YAML (:mod:`change_yaml`), parsing (:mod:`change_parse`),
checking (:mod:`change_check`) and applying (:mod:`change_apply`). Every public name
is importable from here.
"""

from __future__ import annotations

from planner.replan.change_apply import Applied, apply_changes, blocked_areas, record_changes
from planner.replan.change_check import check_changes
from planner.replan.change_parse import changes_to_yaml, parse_changes_text, read_changes
from planner.replan.change_types import (
    KINDS,
    AreaBlocked,
    Change,
    Pin,
    PriorityChange,
    StationClosed,
    StationMoved,
    TeamAdded,
    TeamUnavailable,
    VotingHours,
)
from planner.replan.change_yaml import MAX_CHANGES, MAX_CHANGES_BYTES, MAX_DEPTH, MAX_NODES

__all__ = [
    "KINDS",
    "MAX_CHANGES",
    "MAX_CHANGES_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Applied",
    "AreaBlocked",
    "Change",
    "Pin",
    "PriorityChange",
    "StationClosed",
    "StationMoved",
    "TeamAdded",
    "TeamUnavailable",
    "VotingHours",
    "apply_changes",
    "blocked_areas",
    "changes_to_yaml",
    "check_changes",
    "parse_changes_text",
    "read_changes",
    "record_changes",
]

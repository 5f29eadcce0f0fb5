"""The ``--routing-server URL`` option of ``plan`` and ``replan``.

The only way a headless run talks to a routing server: a mission file's own
``routing_server_url`` is never read (docs/security.md).
"""

from __future__ import annotations

import argparse


def add_routing_server_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--routing-server",
        metavar="URL",
        default="",
        help="ask this OSRM server (http:// or https://) for travel times instead of the "
        "built-in estimate; printed before use. A mission file's own routing server "
        "setting is never used.",
    )

"""STO Planner core: domain model, mission file, planning and exports. No Qt here."""

__version__ = "0.1.0"

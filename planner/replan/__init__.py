"""Last-minute changes: read CHANGES.yaml and repair the current plan with minimal disruption."""

"""Team formation: observers of the roster into teams and teams to bases (docs/teams.md)."""

from planner.teams.form import TeamsProgress, TeamsResult, base_capacities, form_teams

__all__ = ["TeamsProgress", "TeamsResult", "base_capacities", "form_teams"]

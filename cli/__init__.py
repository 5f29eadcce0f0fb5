"""The command line: argument parsing and the headless commands (import, plan, replan)."""

"""Exchanges between members: proposals, meetings, objectives, feedback, cohorts."""

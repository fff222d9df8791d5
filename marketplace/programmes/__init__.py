"""Formal mentoring programmes run by HR: enrolment, global matching, publishing, follow-up."""

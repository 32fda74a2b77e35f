"""Volunteers: applications with consent, review, squads and personal data."""

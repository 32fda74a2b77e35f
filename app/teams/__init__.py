"""Volunteer teams: the corps → brigade → squad tree."""

"""Subdistrict admins: roles, organiser scopes, the audit trail."""

"""Users' own profile: /api/v1/me."""

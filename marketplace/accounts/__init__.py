"""Members: sign-up, login, profiles."""

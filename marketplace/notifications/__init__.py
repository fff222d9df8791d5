"""In-app notifications and email."""

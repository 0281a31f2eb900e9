"""Community: member profiles, discussions, moderation, notifications and privacy."""

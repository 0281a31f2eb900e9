"""Community: member profiles, discussions, moderation, notifications and privacy
(built in the community issue)."""

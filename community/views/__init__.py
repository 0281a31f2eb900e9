"""The community's pages, one module per area: discussions, moderation, the members' directory
and profiles, and a member's own account."""

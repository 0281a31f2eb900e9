"""The site's plumbing every area uses (infrastructure, not content): see core/apps.py."""

"""Reflex building blocks shared by both apps: translation, session lookup, layout.
Holds no pages, so the admin portal can import it without pulling public pages along."""

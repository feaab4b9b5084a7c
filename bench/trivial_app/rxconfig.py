"""A trivial Reflex app for bench/load.py: the framework's own cost per event."""

import reflex as rx

config = rx.Config(app_name="trivial_app", telemetry_enabled=False, show_built_with_reflex=False)

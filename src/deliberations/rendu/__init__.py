"""Rendering: template context, sandboxed Jinja, docxtpl, verification."""

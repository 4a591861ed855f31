"""deliberations: rapports et délibérations des collectivités territoriales."""

__version__ = "0.1.0"

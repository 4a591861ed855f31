"""Output: safe file names, atomic publication, PDF."""

"""French formatting and grammar: figures, words, dates, verbs."""

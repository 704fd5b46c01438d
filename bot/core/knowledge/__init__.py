"""The knowledge: frozen model, YAML reading with file:line, checks and lint.

Nothing here knows how questions are matched; a loaded `Knowledge` is a value every other part
reads and nobody changes.
"""

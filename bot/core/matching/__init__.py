"""A question's way to an entry: analyse -> retrieve -> features -> rank -> decide."""

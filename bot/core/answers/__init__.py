"""From a chosen entry to what a member reads: snippets with labels, sources, Stand and what
overtook them; the timeline and a day's events; times in the story's zone."""

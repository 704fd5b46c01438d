"""The Discord layer: reads interactions and messages, asks the core, renders, responds."""

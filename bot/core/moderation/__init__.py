"""Moderators' tools: what changed between two knowledge sets, announcements for members, gaps
(questions without an answer), feedback and skeletons of new entries."""

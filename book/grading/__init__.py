"""Grading a class's submissions: the sandbox, the runner inside it, and the values it hands back."""

"""Actor coding: see entities.py."""

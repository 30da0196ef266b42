"""compare: align an original and its translation, flag where they diverge.

Importing this package is cheap: models, torch and the encoder are loaded only
when a command needs them.
"""

__version__ = "0.1.0"

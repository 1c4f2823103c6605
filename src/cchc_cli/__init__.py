"""cchc: track the tasks of a district office's conclusion notices."""

__version__ = "0.1.0"

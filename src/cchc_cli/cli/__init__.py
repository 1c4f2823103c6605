"""The command line: parse arguments, call the core, render, exit."""

from cchc_cli.cli.app import main

__all__ = ["main"]

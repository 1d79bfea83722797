"""The command line: the parser in ``main``, one module per group of commands."""

# Replaced by ./workbook wheel with the Maven project's version in PEP 440 form (0.1.0-SNAPSHOT -> 0.1.0.dev0).
__version__ = "0.0.0"

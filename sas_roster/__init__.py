"""sas-roster domain package: rules, storage, services, importers, command line."""

__version__ = "0.1.0"

"""The mission file and every importer: the only package that knows file layouts."""

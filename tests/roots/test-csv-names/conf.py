project = "csv-names"
extensions = ["myst_parser", "sphinx_implplan"]
exclude_patterns = ["_build"]
show_warning_types = True  # the default from Sphinx 8 on

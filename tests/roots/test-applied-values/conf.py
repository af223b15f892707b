project = "applied values"
extensions = ["myst_parser", "sphinx_implplan"]
exclude_patterns = ["_build"]
needs_build_json = True
show_warning_types = True

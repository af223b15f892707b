extensions = ["myst_parser", "sphinx_implplan"]
needs_build_json = True
exclude_patterns = ["_build"]

project = "includes"
extensions = ["myst_parser", "sphinx_implplan"]
# the included files are parts of the documents that include them, not documents
exclude_patterns = ["_build", "parts"]
show_warning_types = True  # the default from Sphinx 8 on

project = "plan requirements"
extensions = ["myst_parser", "sphinx_implplan"]
myst_enable_extensions = ["colon_fence", "tasklist"]
# a file that a test includes is part of the document including it, not a document
exclude_patterns = ["_build", "parts"]
show_warning_types = True  # the default from Sphinx 8 on

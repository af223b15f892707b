project = "open-questions"
extensions = ["myst_parser", "sphinx_implplan"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
show_warning_types = True  # the default from Sphinx 8 on

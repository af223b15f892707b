project = "hostile"
extensions = ["myst_parser", "sphinx_implplan"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
show_warning_types = True
# the payloads' straight quotes stay as written, so the tests can find them
smartquotes = False
latex_elements = {"papersize": "a4paper"}

project = "id-rule"
extensions = ["myst_parser", "sphinx_implplan"]
exclude_patterns = ["_build"]
show_warning_types = True  # the default from Sphinx 8 on

# a strict rule of the project's: three letters, a hyphen, three digits
needs_id_regex = "^[A-Z]{3}-[0-9]{3}$"

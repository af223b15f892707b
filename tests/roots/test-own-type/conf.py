project = "own-type"
extensions = ["myst_parser", "sphinx_implplan"]
exclude_patterns = ["_build"]
show_warning_types = True  # the default from Sphinx 8 on

# the project's own ``impl-risk`` type, with its own title and prefix
needs_types = [
    {"directive": "req", "title": "Requirement", "prefix": "R_", "color": "#BFD8D2", "style": "node"},
    {"directive": "impl-risk", "title": "Project risk", "prefix": "PR_", "color": "#FF0000", "style": "node"},
]

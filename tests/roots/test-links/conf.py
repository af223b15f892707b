project = "links"
extensions = ["myst_parser", "sphinx_implplan"]
exclude_patterns = ["_build"]
show_warning_types = True  # the default from Sphinx 8 on

needs_types = [
    {"directive": "req", "title": "Requirement", "prefix": "R_", "color": "#BFD8D2", "style": "node"},
    {"directive": "spec", "title": "Specification", "prefix": "S_", "color": "#FEDCD2", "style": "node"},
    {"directive": "story", "title": "User story", "prefix": "US_", "color": "#DCB239", "style": "node"},
]
implplan_requirement_types = ["req", "spec"]

"""The layout of ``implplan.json`` (``report_json.py``): the outer levels one key a
line, each record on a line of its own, keys sorted; ``json.loads`` reads back the
data written, and the same data gives the same bytes whatever its order."""

from __future__ import annotations

import json
import random
from typing import Any

from sphinx_implplan.plan.report_json import dump_json

DATA: dict[str, Any] = {
    "version": 2,
    "scopes": {"all": ["R_1", "R_2"], "P": []},
    "requirements": {
        "R_2": {"title": "Zwei — ü", "docname": None, "open_questions": ['TBD: "x"']},
        "R_1": {"title": "One", "docname": "spec", "open_questions": []},
    },
    "plans": {
        "P": {
            "title": "Plan",
            "coverage": {"requirements": 2, "percent": 50.0},
            "phases": [
                {"id": "PH_1", "depends": [], "late": False},
                {"id": "PH_2", "depends": ["PH_1"], "late": True},
            ],
            "late": ["PH_2"],
            "risks": [],
            "uncovered": 1,
        }
    },
}

EXPECTED = """\
{
  "plans": {
    "P": {
      "coverage": {"percent": 50.0, "requirements": 2},
      "late": ["PH_2"],
      "phases": [
        {"depends": [], "id": "PH_1", "late": false},
        {"depends": ["PH_1"], "id": "PH_2", "late": true}
      ],
      "risks": [],
      "title": "Plan",
      "uncovered": 1
    }
  },
  "requirements": {
    "R_1": {"docname": "spec", "open_questions": [], "title": "One"},
    "R_2": {"docname": null, "open_questions": ["TBD: \\"x\\""], "title": "Zwei — ü"}
  },
  "scopes": {
    "P": [],
    "all": ["R_1", "R_2"]
  },
  "version": 2
}
"""


def test_records_on_one_line_outer_levels_one_key_a_line() -> None:
    assert dump_json(DATA) == EXPECTED


def test_reads_back_as_written() -> None:
    assert json.loads(dump_json(DATA)) == DATA


def test_same_data_same_bytes_whatever_the_order() -> None:
    def shuffled(value: Any, rng: random.Random) -> Any:
        if isinstance(value, dict):
            keys = list(value)
            rng.shuffle(keys)
            return {key: shuffled(value[key], rng) for key in keys}
        if isinstance(value, list):
            return [shuffled(entry, rng) for entry in value]
        return value

    for seed in range(5):
        assert dump_json(shuffled(DATA, random.Random(seed))) == EXPECTED


def test_empty_objects_and_scalars() -> None:
    assert dump_json({}) == "{}\n"
    assert dump_json({"plans": {}, "version": 2}) == '{\n  "plans": {},\n  "version": 2\n}\n'
    assert dump_json([]) == "[]\n"

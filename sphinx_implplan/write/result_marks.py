"""How a test's result and a phase's timing are shown: in words, with a class each
(``implplan-result-failed``, ``implplan-late``) that the stylesheet and the LaTeX
package colour, so that colour only repeats what the words say."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx_implplan.plan.outcomes import TestOutcome, TestResult
    from sphinx_implplan.plan.today import Timing


def result_word(result: TestResult) -> nodes.inline:
    """``passed``, ``failed``, ``skipped`` or ``not run``, with its classes."""
    return nodes.inline(
        result.value, result.value, classes=["implplan-result", f"implplan-result-{result.css}"]
    )


def result_nodes(outcome: TestOutcome) -> list[nodes.Node]:
    """The result and why: ``failed (tests/test_sync.py::test_merge: assert 2 == 3)``."""
    shown: list[nodes.Node] = [result_word(outcome.result)]
    if outcome.message:
        shown.append(nodes.Text(f" ({outcome.message})"))
    return shown


def timing_word(timing: Timing) -> nodes.inline:
    """``late`` or ``not started``, with the class a timeline's status uses."""
    return nodes.inline(
        timing.value, timing.value, classes=[f"implplan-{timing.value.replace(' ', '-')}"]
    )

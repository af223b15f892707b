"""Mermaid gantt charts: a section or task named like a phase gives it its dates.

```mermaid
gantt
    dateFormat YYYY-MM-DD
    section Wave 1
    Tooling cluster :w1, 2026-03-09, 10d
    Staging         :after w1, 2026-03-30
```

A task's data reads as mermaid reads it: one item is its end (a duration or a
date) with the task starting where the one before it ends; two are its start (a
date, or ``after`` the tasks it follows) and end; three are an id, a start and an
end; ``done``, ``active``, ``crit`` and ``milestone`` are marks. An end date is the
day the task's bar stops at (mermaid draws it up to that day, not through it),
unless the chart says ``inclusiveEndDates``; so a task is given its start and its
length in days, and no end the chart does not show.

A section matching a phase's name gives it the days from its first task's start
to its last task's end; a task matching one that no section gave gives it its own.
The chart stays as written; a chart with ``excludes`` counts working days, which
no calendar length says, and gives only the dates it states.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from sphinx_implplan.authoring.conversion import option_checks as checks
from sphinx_implplan.authoring.conversion.context import Conversion
from sphinx_implplan.authoring.conversion.phase_references import phase_of
from sphinx_implplan.authoring.conversion.phases import Values, attach_schedule

_MARKS = frozenset({"done", "active", "crit", "milestone"})
_ISO_FORMAT = "yyyy-mm-dd"
_DAYS = re.compile(r"(\d{1,5})\s*([dw])")
_KEYWORDS = re.compile(
    r"(?:title|dateformat|axisformat|tickinterval|todaymarker|weekday|weekend|excludes"
    r"|includes|inclusiveenddates|topaxis|displaymode|click|%%)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Task:
    name: str
    section: str
    start: datetime.date | None
    #: the day after its last one: where a task after it starts
    after_end: datetime.date | None
    #: as written (``10d``), where the chart gives the task a length
    length: str | None
    line: int


@dataclass
class _Chart:
    iso_dates: bool = True
    inclusive: bool = False
    working_days: bool = False


def attach_gantt(conversion: Conversion, content: str, first_line: int) -> None:
    """The phases the chart in ``content`` (its first line at ``first_line``) names
    get their dates; nothing where it is no gantt chart."""
    lines = content.split("\n")
    body = [line.strip() for line in lines]
    if not any(line.lower() == "gantt" for line in body[:3]):
        return
    chart = _Chart()
    for line in body:
        lower = line.lower()
        if lower.startswith("dateformat"):
            chart.iso_dates = lower.removeprefix("dateformat").strip() == _ISO_FORMAT
        chart.inclusive = chart.inclusive or lower.startswith("inclusiveenddates")
        chart.working_days = chart.working_days or lower.startswith("excludes")
    tasks = _tasks(chart, body, first_line)
    given: set[int] = set()
    sections = list(dict.fromkeys(task.section for task in tasks if task.section))
    for name in sections:
        phase = phase_of(conversion, name)
        members = [task for task in tasks if task.section == name]
        values = _section_values(members)
        fresh = phase is not None and values and id(phase) not in given
        if fresh and phase and attach_schedule(conversion, phase, values, members[0].line):
            given.add(id(phase))
    for task in tasks:
        phase = phase_of(conversion, task.name)
        values = _task_values(task)
        fresh = phase is not None and values and id(phase) not in given
        if fresh and phase and attach_schedule(conversion, phase, values, task.line):
            given.add(id(phase))


def _tasks(chart: _Chart, body: list[str], first_line: int) -> list[_Task]:
    """The chart's tasks in order, each with what its data says of its days."""
    tasks: list[_Task] = []
    by_id: dict[str, _Task] = {}
    section = ""
    for number, line in enumerate(body):
        if line.lower().startswith("section "):
            section = line[len("section ") :].strip()
            continue
        name, colon, data = line.partition(":")
        if not colon or not name.strip() or _KEYWORDS.match(line):
            continue
        items = [item.strip() for item in data.split(",") if item.strip()]
        marks = [item for item in items if item.lower() in _MARKS]
        items = [item for item in items if item.lower() not in _MARKS]
        if not 1 <= len(items) <= 3:
            continue
        task_id = items[0] if len(items) == 3 else None
        start_text = items[-2] if len(items) >= 2 else None
        previous = tasks[-1].after_end if tasks else None
        start = _start(chart, start_text, by_id) if start_text is not None else previous
        length, after_end = _end(chart, items[-1], start)
        if "milestone" in [mark.lower() for mark in marks]:
            length, after_end = None, start
        task = _Task(name.strip(), section, start, after_end, length, first_line + number)
        tasks.append(task)
        if task_id is not None:
            by_id[task_id] = task
    return tasks


def _date(chart: _Chart, text: str) -> datetime.date | None:
    found = checks.date(text) if chart.iso_dates else None
    return datetime.date.fromisoformat(found) if found is not None else None


def _start(chart: _Chart, text: str, by_id: dict[str, _Task]) -> datetime.date | None:
    """A start date, or ``after a b``: where the last of those tasks ends."""
    if text.lower().startswith("after "):
        ends = [by_id[name].after_end if name in by_id else None for name in text.split()[1:]]
        known = [end for end in ends if end is not None]
        return max(known) if known and len(known) == len(ends) else None
    return _date(chart, text)


def _end(
    chart: _Chart, text: str, start: datetime.date | None
) -> tuple[str | None, datetime.date | None]:
    """The task's length as the chart gives it, and the day after its last one."""
    days = _DAYS.fullmatch(text)
    if days is not None:
        length = checks.duration(text)
        if length is None or chart.working_days:
            return None, None
        count = int(days.group(1)) * (7 if days.group(2) == "w" else 1)
        return length, _shifted(start, count)
    end = _date(chart, text)
    if end is None or start is None:
        return None, None
    after_end = _shifted(end, 1) if chart.inclusive else end
    if after_end is None or after_end <= start:
        return None, None
    count = (after_end - start).days
    return checks.duration(f"{count} day{'s' * (count != 1)}"), after_end


def _shifted(day: datetime.date | None, days: int) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return None


def _task_values(task: _Task) -> Values:
    values: Values = []
    if task.start is not None:
        values.append(("start", task.start.isoformat()))
    if task.length is not None:
        values.append(("duration", task.length))
    return values


def _section_values(tasks: list[_Task]) -> Values:
    """One task's own values; of several, the days from the first start to the last
    end, where every task's are known."""
    if len(tasks) == 1:
        return _task_values(tasks[0])
    starts = [task.start for task in tasks]
    ends = [task.after_end for task in tasks]
    if any(day is None for day in starts + ends):
        return []
    first = min(day for day in starts if day is not None)
    last = max(day for day in ends if day is not None) - datetime.timedelta(days=1)
    if last < first:
        return []
    return [("start", first.isoformat()), ("end", last.isoformat())]

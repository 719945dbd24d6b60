"""The development SMS file backend at volume: its duplicate check does not grow with the day.

Issue 17, defect 3: each send used to rescan the whole day's file under the lock, so the
10,000th SMS of a day cost 10,000 times the first. The keys written are now in an index.
"""

import json
import sys
from pathlib import Path

import pytest

from django.utils import timezone

from notifications import sms, smsindex

SMS_MODULES = ("notifications/sms.py", "notifications/smsindex.py")


@pytest.fixture
def backend(settings, tmp_path):
    settings.SMS_FILE_PATH = tmp_path
    return sms.FileBackend()


def day_file(folder: Path) -> Path:
    return folder / f"sms-{timezone.localdate():%Y-%m-%d}.jsonl"


def python_steps(call) -> int:
    """Lines of the SMS backend's own Python executed by `call()` (work, not time)."""
    steps = 0

    def tracer(frame, event, arg):
        nonlocal steps
        if not frame.f_code.co_filename.endswith(SMS_MODULES):
            return None
        if event == "line":
            steps += 1
        return tracer

    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(None)
    return steps


def test_the_duplicate_check_costs_the_same_early_and_late_in_the_day(backend, tmp_path):
    def send(number: int) -> int:
        return python_steps(lambda: backend.send(to="0912345678", text="x", key=f"k-{number}"))

    early = [send(number) for number in range(10)][1:]  # the first one opens the index
    for number in range(10, 1500):
        backend.send(to="0912345678", text="x", key=f"k-{number}")
    late = [send(number) for number in range(1500, 1510)]
    assert max(late) == max(early)
    again = python_steps(lambda: backend.send(to="0912345678", text="x", key="k-3"))
    assert again <= max(early)
    assert len(day_file(tmp_path).read_text().splitlines()) == 1510


def test_a_line_written_by_a_killed_worker_still_counts_as_sent(backend, tmp_path):
    """The worker wrote the line and died before the index knew: the resend writes nothing."""
    backend.send(to="0912345678", text="first", key="motcua-1")
    with open(day_file(tmp_path), "a") as sink:  # what the killed worker left behind
        sink.write(json.dumps({"at": "", "key": "motcua-2", "to": "0912345678", "text": "A"}))
        sink.write("\n")
    backend.send(to="0912345678", text="A", key="motcua-2")
    backend.send(to="0912345678", text="B", key="motcua-3")
    keys = [json.loads(line)["key"] for line in day_file(tmp_path).read_text().splitlines()]
    assert keys == ["motcua-1", "motcua-2", "motcua-3"]


def test_a_file_from_before_the_index_is_indexed_on_the_next_send(backend, tmp_path):
    lines = [{"at": "", "key": f"motcua-{n}", "to": "0912345678", "text": "x"} for n in (1, 2)]
    day_file(tmp_path).write_text("".join(json.dumps(line) + "\n" for line in lines))
    backend.send(to="0912345678", text="x", key="motcua-2")
    backend.send(to="0912345678", text="x", key="motcua-10")
    keys = [json.loads(line)["key"] for line in day_file(tmp_path).read_text().splitlines()]
    assert keys == ["motcua-1", "motcua-2", "motcua-10"]


def test_a_damaged_index_is_made_again_from_the_day_file(backend, tmp_path):
    backend.send(to="0912345678", text="x", key="motcua-1")
    index = tmp_path / f"sms-{timezone.localdate():%Y-%m-%d}.keys.sqlite3"
    smsindex._forget(index)  # another process finds it damaged
    index.write_bytes(b"not an index" * 100)
    for stale in tmp_path.glob("*.sqlite3-*"):
        stale.unlink()
    backend.send(to="0912345678", text="x", key="motcua-1")
    backend.send(to="0912345678", text="y", key="motcua-2")
    keys = [json.loads(line)["key"] for line in day_file(tmp_path).read_text().splitlines()]
    assert keys == ["motcua-1", "motcua-2"]

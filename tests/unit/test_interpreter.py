"""The app processes' interpreter settings (dasnez_ui.interpreter)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from dasnez_ui.interpreter import SWITCH_INTERVAL, THRESHOLDS, tune_interpreter


def test_the_collector_and_the_switch_interval_are_set() -> None:
    before = gc.get_threshold(), sys.getswitchinterval()
    try:
        tune_interpreter()
        assert gc.get_threshold() == THRESHOLDS
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
    finally:
        gc.set_threshold(*before[0])
        sys.setswitchinterval(before[1])


@pytest.mark.parametrize("module", ["dasnez_app/dasnez_app.py", "admin_portal/admin_portal.py"])
def test_both_apps_tune_the_interpreter_at_import(module: str) -> None:
    # Importing an app module builds the whole app; its source says it at import instead.
    source = (Path(__file__).parents[2] / module).read_text()
    assert "\ntune_interpreter()\n" in source

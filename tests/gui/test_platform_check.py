"""Before any window: explain which packages are missing instead of Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys

from crisis_desk.gui.platform_check import (
    XCB_PACKAGES,
    PlatformProblem,
    debian_package,
    platform_problem,
    uses_xcb,
)


def test_shared_library_names_become_debian_package_names():
    assert debian_package("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert debian_package("libxcb-keysyms.so.1") == "libxcb-keysyms1"
    assert debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert debian_package("libX11-xcb.so.1") == "libx11-xcb1"
    assert debian_package("libglib-2.0.so.0") == "libglib2.0-0"


def test_only_linux_without_another_platform_uses_xcb():
    assert uses_xcb({}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({}, "win32")


def test_the_message_names_the_packages_to_install():
    message = PlatformProblem("these libraries are missing: libxcb-cursor.so.0",
                              ("libxcb-cursor0",)).message()
    assert "apt-get install" in message
    assert all(package in message for package in XCB_PACKAGES)
    assert message.count("libxcb-cursor0") == 1


def test_no_display_is_a_problem_and_offscreen_is_not():
    if sys.platform.startswith("linux"):
        problem = platform_problem({})
        assert problem is not None
        assert "DISPLAY" in problem.reason or "missing" in problem.reason
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_the_app_exits_1_with_advice_instead_of_aborting_without_a_display(tmp_path):
    if not sys.platform.startswith("linux"):
        return
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    environment["CRISIS_DESK_DATA_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "crisis_desk"], env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in result.stderr
    assert "Traceback" not in result.stderr

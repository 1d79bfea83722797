"""Can Qt open a window here? Checked before the QApplication exists.

When Qt's xcb platform plugin cannot load (a library is missing) or there is no
X display to talk to, Qt prints a terse message and aborts the process. This
module finds out first and explains, in words a person can act on, which
Debian packages to install — then the app exits 1 instead of dumping core.
Nothing here imports Qt's GUI modules: only the plugin file is inspected.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from crisis_desk.i18n import _

# The libraries Qt 6.5+ needs beyond a plain X11 desktop; named in every message.
XCB_PACKAGES = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1")
# Debian names that do not follow the "soname without .so + version" rule.
PACKAGE_EXCEPTIONS = {"libglib-2.0.so.0": "libglib2.0-0"}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
# Qt for Python releases whose Signal.emit() corrupts reference counts: a long session
# ends in "Fatal Python error: bool_dealloc". Refuse them at start rather than lose the
# window mid-sentence (pyproject.toml excludes them; an old environment may still have one).
FAULTY_BINDINGS = frozenset({"6.12.0"})


@dataclass(frozen=True)
class PlatformProblem:
    """Why no window can be shown, and which packages would fix it."""

    reason: str
    packages: tuple[str, ...]
    about_libraries: bool = True  # False: nothing apt-get can fix (a faulty Qt release)

    def message(self) -> str:
        if not self.about_libraries:
            return self.reason
        install = " ".join(dict.fromkeys((*self.packages, *XCB_PACKAGES)))
        return "\n".join((
            _("Crisis Desk cannot open its window: %(reason)s") % {"reason": self.reason},
            _("On Debian or Ubuntu, install the libraries Qt needs with:"),
            f"    sudo apt-get install {install}",
            _("Without a screen, use the command line instead: crisis-desk --help"),
        ))


def debian_package(soname: str) -> str:
    """The Debian package that ships a shared library: libxcb-cursor.so.0 → libxcb-cursor0."""
    if soname in PACKAGE_EXCEPTIONS:
        return PACKAGE_EXCEPTIONS[soname]
    stem, _so, version = soname.partition(".so.")
    stem = stem.lower()
    if not version:
        return stem
    major = version.split(".")[0]
    return f"{stem}-{major}" if stem[-1].isdigit() else f"{stem}{major}"


def uses_xcb(environ: os._Environ | dict[str, str], platform: str = sys.platform) -> bool:
    """Will Qt pick the xcb plugin? Only on Linux, unless told or on Wayland."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def xcb_plugin() -> Path | None:
    """The qxcb plugin file shipped with PySide6 (None if this build has none)."""
    import PySide6  # only the package folder; no Qt library is loaded

    found = sorted(Path(PySide6.__file__).parent.glob("Qt/plugins/platforms/libqxcb.so"))
    return found[0] if found else None


def missing_libraries(plugin: Path) -> list[str]:
    """Shared libraries the plugin needs that the system cannot find."""
    try:  # the dynamic loader itself: a few milliseconds when all is well
        ctypes.CDLL(str(plugin), mode=os.RTLD_LAZY)
        return []
    except OSError as exc:
        first = re.search(r"(\S+\.so[.\d]*): cannot open shared object", str(exc))
        missing = [first.group(1)] if first else [str(exc)]
    ldd = shutil.which("ldd")
    if ldd:  # name every missing library at once, not one per attempt
        result = subprocess.run([ldd, str(plugin)], capture_output=True, text=True,
                                timeout=30, check=False)
        missing = list(dict.fromkeys(_NOT_FOUND.findall(result.stdout))) or missing
    return missing


def display_reachable(display: str) -> bool:
    """Can an X connection be opened to ``display``? (libxcb, without Qt.)"""
    name = ctypes.util.find_library("xcb")
    if not name:
        return True  # cannot tell; the library check will have spoken
    xcb = ctypes.CDLL(name)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


def faulty_binding(version: str | None = None) -> PlatformProblem | None:
    """A known-broken Qt for Python release is installed: say how to replace it."""
    if version is None:
        try:
            version = importlib.metadata.version("shiboken6")
        except importlib.metadata.PackageNotFoundError:
            return None
    if version not in FAULTY_BINDINGS:
        return None
    return PlatformProblem(
        _("Qt for Python %(version)s has a known bug that makes the app crash after a few "
          "minutes. Install a safe release with: pip install \"PySide6-Essentials<6.12\" "
          "\"PySide6-Addons<6.12\"") % {"version": version}, (), about_libraries=False)


def platform_problem(environ: os._Environ | dict[str, str] | None = None
                     ) -> PlatformProblem | None:
    """What stops Qt from showing a window here, or None when all is well."""
    environ = os.environ if environ is None else environ
    faulty = faulty_binding()
    if faulty is not None:
        return faulty
    if not uses_xcb(environ):
        return None
    plugin = xcb_plugin()
    if plugin is None:
        return None
    missing = missing_libraries(plugin)
    if missing:
        return PlatformProblem(
            _("these libraries are missing: %(names)s") % {"names": ", ".join(missing)},
            tuple(debian_package(name) for name in missing))
    display = environ.get("DISPLAY", "")
    if not display:
        return PlatformProblem(_("there is no display (DISPLAY is not set). Start it from "
                                 "a desktop session, or under Xvfb."), ())
    if not display_reachable(display):
        return PlatformProblem(_("the display %(display)s cannot be reached.")
                               % {"display": display}, ())
    return None

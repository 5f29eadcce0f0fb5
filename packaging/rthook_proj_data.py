"""PyInstaller runtime hook: pyproj reads PROJ's data from pyogrio's copy.

Both pyproj and pyogrio (GDAL) ship PROJ with its ~9 MB ``proj.db``. The spec keeps only
pyogrio's (the newer one: PROJ accepts a database of a newer minor layout, not an
older one) and leaves out ``pyproj/proj_dir``; without its own folder pyproj looks at
``PROJ_DATA``. Runs before the app in every process (the solver workers too).
"""

import os
import sys
from pathlib import Path

_proj_data = Path(sys._MEIPASS) / "pyogrio" / "proj_data"  # type: ignore[attr-defined]
if (_proj_data / "proj.db").is_file():
    os.environ["PROJ_DATA"] = str(_proj_data)
    os.environ["PROJ_LIB"] = str(_proj_data)  # older PROJ versions' name for it

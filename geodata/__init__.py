"""The bundled demo mission (synthetic, built from stated facts) and its builder."""

from importlib import resources
from pathlib import Path

# Package data (see pyproject's package-data): a file on disk in a checkout, an
# installed wheel and the PyInstaller bundle alike. The application never writes to it.
DEMO_MISSION = Path(str(resources.files(__name__).joinpath("kazakhstan_2011_demo.gpkg")))

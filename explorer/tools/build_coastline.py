"""Build the explorer's basemap: Natural Earth's coastline around East Asia, as GeoJSON.

The map must work with no internet and no tile server, so its basemap is a file shipped with the
project: ``explorer/static/explorer/coastline-east-asia.geojson``. It is made once, by hand, from
Natural Earth's 1:50m land polygons (public domain, naturalearthdata.com) as the npm package
``world-atlas`` 2.0.2 (ISC licence) packs them in TopoJSON::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m explorer.tools.build_coastline package/land-50m.json

Nothing reads the package at run or test time. The output is a FeatureCollection of one
MultiLineString: every land ring, cut to the patrols' part of the world (BOUNDS, degrees), its
coordinates rounded to 0.01° (about 1 km, finer than the 1:50m source).
"""

import json
import sys
from pathlib import Path

BOUNDS = (95.0, 0.0, 180.0, 62.0)  # west, south, east, north (degrees)
DECIMALS = 2
OUTPUT = Path(__file__).resolve().parents[1] / "static/explorer/coastline-east-asia.geojson"


def decode_arcs(topology):
    """The topology's arcs as lists of (lon, lat): TopoJSON stores them quantized, delta-coded."""
    scale_x, scale_y = topology["transform"]["scale"]
    move_x, move_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    """One ring from its arc indexes (``~i`` is arc ``i`` reversed); shared ends appear once."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def inside(point):
    west, south, east, north = BOUNDS
    return west <= point[0] <= east and south <= point[1] <= north


def clipped(points):
    """The runs of a line that lie inside BOUNDS (a run needs two points to be drawn)."""
    runs, run = [], []
    for point in points:
        if inside(point):
            run.append([round(point[0], DECIMALS), round(point[1], DECIMALS)])
        else:
            if len(run) > 1:
                runs.append(run)
            run = []
    if len(run) > 1:
        runs.append(run)
    return runs


def coastline(topology):
    arcs = decode_arcs(topology)
    lines = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for indexes in polygon:
                lines.extend(clipped(ring(arcs, indexes)))
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "name": "Coastline",
                    "source": "Natural Earth 1:50m land (public domain), via world-atlas 2.0.2",
                },
                "geometry": {"type": "MultiLineString", "coordinates": lines},
            }
        ],
    }


def main(path):
    topology = json.loads(Path(path).read_text())
    OUTPUT.write_text(json.dumps(coastline(topology), separators=(",", ":")) + "\n")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(sys.argv[1])

"""argmap: check, draw and report hand-made argument maps of essays.

The public API is imported lazily so that the command line starts fast:

    import argmap
    mf = argmap.load("maps/greitens-2022.yaml")   # MapFile: .map (the model), .problems, .positions
    problems = argmap.check(mf)                    # every problem, sorted, load problems included
"""

__version__ = "0.1.0"

_API = {
    "load": "argmap.load",
    "loads": "argmap.load",
    "MapFile": "argmap.load",
    "check": "argmap.api",
    "check_paths": "argmap.api",
    "find_maps": "argmap.api",
    "Problem": "argmap.problems",
    "ArgMap": "argmap.model",
    "json_schema": "argmap.model",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str) -> object:
    if name in _API:
        import importlib

        value = getattr(importlib.import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")

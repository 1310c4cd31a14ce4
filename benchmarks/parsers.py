"""The YAML parsers argmap could load maps with, compared on one synthetic map (run by benchmarks/run.py).

Each candidate turns the map's text into plain data; the loader also needs the line and column of
every key and value. What each candidate gives:

- libyaml's events (argmap's loader): data and every position, straight from PyYAML's C parser.
- libyaml's composer (argmap's loader before, and its path for rare documents): a node tree with
  marks, then data and positions from the tree.
- PyYAML's CSafeLoader: data only (the bare parse that `check` is compared with).
- rapidyaml (C++, `pip install rapidyaml`): a tree of strings; no types (every scalar is text) and
  no positions in its Python API: the walk below finds the offset of every key from the address of
  its text in the parsed buffer.
- yaml-rs (Rust, `pip install yaml-rs`): data only, in YAML 1.2 (`yes`, `012`, `1e3` read otherwise
  than PyYAML reads them), no positions at all.

rapidyaml and yaml-rs are only measured here (the `bench` extra installs them), never imported by argmap.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from pathlib import Path
from typing import Any


def libyaml_events(text: str) -> Any:
    from argmap.load import MapFile, _from_events

    return _from_events(text, MapFile(path=Path("m.yaml"), display="m.yaml"))


def libyaml_composer(text: str) -> Any:
    from argmap.load import MapFile, _Builder, _compose

    mf = MapFile(path=Path("m.yaml"), display="m.yaml", text=text)
    return _Builder(mf).build(_compose(text, mf))


def csafeloader(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=yaml.CSafeLoader)


def yaml_rs(text: str) -> Any:
    import yaml_rs

    return yaml_rs.loads(text, parse_datetime=False)


class _Buffer(ctypes.Structure):  # Python's Py_buffer, to read the address a memoryview starts at
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.py_object),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


def rapidyaml(text: str) -> Any:
    """Data (all text) and the byte offset of every key: a lower bound of what a loader on rapidyaml costs."""
    import ryml  # type: ignore[import-untyped]

    raw = bytearray(text.encode("utf-8"))
    base = ctypes.addressof((ctypes.c_char * len(raw)).from_buffer(raw))
    tree = ryml.parse_in_place(raw)
    get_buffer, release = ctypes.pythonapi.PyObject_GetBuffer, ctypes.pythonapi.PyBuffer_Release
    get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_Buffer), ctypes.c_int]
    release.argtypes = [ctypes.POINTER(_Buffer)]
    view = _Buffer()
    offsets: dict[tuple[Any, ...], int] = {}

    def offset(memory: memoryview) -> int:
        get_buffer(memory, ctypes.byref(view), 0)
        at: int = view.buf - base
        release(ctypes.byref(view))
        return at

    first_child, next_sibling, none = tree.first_child, tree.next_sibling, ryml.NONE

    def node(i: int, loc: tuple[Any, ...]) -> Any:
        if tree.is_map(i):
            out: dict[str, Any] = {}
            child = first_child(i)
            while child != none:
                key = tree.key(child)
                name = bytes(key).decode()
                offsets[loc + (name,)] = offset(key)
                out[name] = node(child, loc + (name,))
                child = next_sibling(child)
            return out
        if tree.is_seq(i):
            items: list[Any] = []
            child = first_child(i)
            while child != none:
                items.append(node(child, loc + (len(items),)))
                child = next_sibling(child)
            return items
        value = tree.val(i)
        return None if value is None else bytes(value).decode()

    return node(tree.root_id(), ()), offsets


CANDIDATES: list[tuple[str, str, Callable[[str], Any]]] = [
    ("libyaml events (argmap's loader)", "data, types and every position", libyaml_events),
    ("libyaml composer (argmap's loader before)", "data, types and every position", libyaml_composer),
    ("PyYAML CSafeLoader", "data and types, no positions", csafeloader),
    ("rapidyaml 0.15 (C++)", "text only, key offsets by pointer arithmetic", rapidyaml),
    ("yaml-rs (Rust)", "data in YAML 1.2 types, no positions", yaml_rs),
]


def available(fn: Callable[[str], Any]) -> bool:
    try:
        fn("a: 1\n")
    except ImportError:
        return False
    return True

"""`argmap lsp`: a Language Server Protocol server that brings argmap's checks, completion and navigation to editors.

`server.py` wires pygls to the pure functions of the other modules, which take a `Document` (the
text, the loaded map, the YAML tokens) and a `World` (the workspace's other maps and the essays) and
return lsprotocol values, so each feature can be tested without a client.
"""

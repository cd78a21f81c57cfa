"""Bodies for `/_dash-update-component` built from the app's own `/_dash-dependencies`, so tests
(and benchmarks/load.py) post what the browser would, with values of their choosing."""

from __future__ import annotations

import json

ENDPOINT = "/_dash-update-component"


def server_callbacks(dependencies: list[dict]) -> list[dict]:
    """The callbacks the server runs (clientside ones never reach it)."""
    return [dep for dep in dependencies if dep.get("clientside_function") is None]


def find_callback(dependencies: list[dict], output_part: str) -> dict:
    return next(dep for dep in server_callbacks(dependencies) if output_part in dep["output"])


def concrete_id(raw_id: str, wildcard: str = "x"):
    """A pattern id ('{"page":["MATCH"]}') with its wildcards filled; plain ids as they are."""
    if not raw_id.startswith("{"):
        return raw_id
    pattern = json.loads(raw_id)
    return {key: wildcard if isinstance(value, list) else value for key, value in pattern.items()}


def outputs_of(dep: dict, wildcard: str = "x") -> list[dict]:
    spec = dep["output"]
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    outputs = []
    for part in parts:
        raw_id, _dot, prop = part.rpartition(".")
        prop = prop.split("@")[0]
        outputs.append({"id": concrete_id(raw_id, wildcard), "property": prop})
    return outputs


def body_for(dep: dict, inputs: list, state: list | None = None, wildcard: str = "x") -> dict:
    """The body the renderer sends, with the given input and state values in declared order.
    An input whose id has ALL gets a list of one item, as with one matching component."""

    def items(declared: list[dict], values: list) -> list:
        out = []
        for spec, value in zip(declared, values, strict=False):
            item = {"id": concrete_id(spec["id"], wildcard), "property": spec["property"],
                    "value": value}
            out.append([item] if '["ALL"]' in spec["id"] else item)
        return out

    outputs = outputs_of(dep, wildcard)
    return {
        "output": dep["output"],
        "outputs": outputs if dep["output"].startswith("..") else outputs[0],
        "inputs": items(dep["inputs"], inputs),
        "state": items(dep["state"], state or [None] * len(dep["state"])),
        "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]
        if dep["inputs"] else [],
    }

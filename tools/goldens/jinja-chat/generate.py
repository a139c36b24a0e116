#!/usr/bin/python3
"""Extra goldens for Corral.Prompting's HfJinjaTemplate: scenarios the native API adds on top of the
transformers context (think on/off/levels, several tool calls in one turn, reasoning on a tool-call turn).

Each scenario holds the transformers-style context plus the native `think` setting. The context passed to
jinja2 is that context with the thinking kwargs llama.cpp would pass (enable_thinking, reasoning_effort) and
llama.cpp's gpt-oss adjustment (reasoning_content copied to `thinking` on tool-call turns), following the rules
documented in src/Corral.Prompting/Jinja (ThinkingControl, HfTemplateTraits, HfMessageMapper).
Templates are read from the committed jinja2 goldens so the text is identical. Run generate.sh.
"""
import copy
import importlib.util
import json
import os
import re
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("hfgen", os.path.join(HERE, "..", "jinja", "generate.py"))
hfgen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hfgen)

TOOLS = [
    hfgen.TOOLS[0],
    {"type": "function", "function": {"name": "get_time", "description": "",
                                      "parameters": {"type": "object", "properties": {"tz": {"type": "string"}}}}},
]

BASE = {"bos_token": "<s>", "eos_token": "</s>", "documents": None, "add_generation_prompt": True}


def scenarios():
    user = [hfgen.SYSTEM, hfgen.USER1]
    for name, think in [("think_on", {"enabled": True}), ("think_off", {"enabled": False}),
                        ("think_low", {"enabled": True, "level": "low"}), ("think_max", {"enabled": True, "level": "max"})]:
        yield name, think, {"messages": user, "tools": None}
    yield "multi_tool_calls", None, {
        "messages": user + [
            {"role": "assistant", "content": "", "reasoning_content": "Two lookups needed.", "tool_calls": [
                {"id": "call_a", "type": "function",
                 "function": {"name": "get_weather", "arguments": {"location": "Zürich", "days": 2, "opts": {"x": [1, 2.5, None, True]}}}},
                {"type": "function", "function": {"name": "get_time", "arguments": {"tz": "Europe/Zurich"}}},
            ]},
            {"role": "tool", "content": "{\"temperature\": 21.5}", "tool_call_id": "call_a", "name": "get_weather"},
            {"role": "tool", "content": "12:00", "name": "get_time"},
        ],
        "tools": TOOLS,
    }


def traits(source):
    uses = "reasoning_effort" in source
    no_think = uses and re.search(r"""reasoning_effort\s*=\s*['"]no_think['"]""", source) is not None
    none = uses and not no_think and re.search(r"""reasoning_effort\s*(\|\s*lower\s*)?==\s*['"]none['"]""", source) is not None
    knows_max = uses and re.search(r"""reasoning_effort\s*==\s*['"]max['"]""", source) is not None
    return uses, knows_max, "no_think" if no_think else "none" if none else None, "high" if no_think else None


def full_context(source, think, ctx):
    full = copy.deepcopy(ctx)
    full.update(BASE)
    if "<|channel|>" in source:
        for m in full["messages"]:
            if m.get("tool_calls") and m.get("reasoning_content"):
                m["thinking"] = m["reasoning_content"]
    if think is not None:
        full["enable_thinking"] = think["enabled"]
        uses, knows_max, disabled, enabled_default = traits(source)
        if uses:
            level = think.get("level")
            effort = disabled if not think["enabled"] else enabled_default if not level else \
                "high" if level == "max" and not knows_max else level
            if effort is not None:
                full["reasoning_effort"] = effort
    return full


def main():
    root = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
    goldens = os.path.join(root, "tests", "Corral.Templating.Jinja.Tests", "Goldens")
    out = os.path.join(root, "tests", "Corral.Prompting.Tests", "Jinja", "Goldens", "native.json")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1735689600")
    scen = list(scenarios())
    results = {}
    for file in sorted(os.listdir(goldens)):
        if file.startswith("_") or not file.endswith(".json"):
            continue
        with open(os.path.join(goldens, file), encoding="utf-8") as f:
            source = json.load(f)["source"]
        results[file[:-5]] = [{"scenario": n, **hfgen.render(source, full_context(source, t, c))} for n, t, c in scen]
    doc = {"source_date_epoch": int(os.environ["SOURCE_DATE_EPOCH"]), "jinja2": hfgen.jinja2.__version__,
           "scenarios": [{"name": n, "think": t, "context": {**c, **BASE}} for n, t, c in scen], "results": results}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

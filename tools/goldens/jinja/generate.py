#!/usr/bin/python3
"""Render every chat template in a folder with jinja2 exactly as Hugging Face transformers does.

Writes one JSON golden per template (template source, scenario outputs or error) plus the shared
scenario inputs, for the C# tests in tests/Corral.Templating.Jinja.Tests/Goldens.
Run with Debian's python3-jinja2 (see README.md).
"""
import json
import os
import sys

sys.dont_write_bytecode = True
from datetime import datetime, timezone

import jinja2
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment


# ---- transformers/utils/chat_template_utils.py: _compile_jinja_template (copied faithfully) ----
class AssistantTracker(Extension):
    # This extension is used to track the indices of assistant-generated tokens in the rendered chat
    tags = {"generation"}

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(activate_tracker=self.activate_tracker)
        self._rendered_blocks = None
        self._generation_indices = None

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_generation_support"), [], [], body).set_lineno(lineno)

    @jinja2.pass_eval_context
    def _generation_support(self, context, caller):
        rv = caller()
        if self.is_active():
            # Only track generation indices if the tracker is active
            start_index = len("".join(self._rendered_blocks))
            end_index = start_index + len(rv)
            self._generation_indices.append((start_index, end_index))
        return rv

    def is_active(self):
        return self._rendered_blocks or self._generation_indices

    def activate_tracker(self, rendered_blocks, generation_indices):
        self._rendered_blocks = rendered_blocks
        self._generation_indices = generation_indices


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    # We override the built-in tojson filter because Jinja's default filter escapes HTML characters
    # We also expose some options like custom indents and separators
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(format):
    # transformers uses datetime.now(); goldens pin the clock through SOURCE_DATE_EPOCH (UTC).
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime(format)
    return datetime.now().strftime(format)


def compile_template(chat_template):
    jinja_env = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[AssistantTracker, jinja2.ext.loopcontrols]
    )
    jinja_env.filters["tojson"] = tojson
    jinja_env.globals["raise_exception"] = raise_exception
    jinja_env.globals["strftime_now"] = strftime_now
    return jinja_env.from_string(chat_template)


# ---- scenarios ----
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the current weather in a city (e.g. Zürich) & report <temperature>",
            "parameters": {
                "type": "object",
                "properties": {
                    "location": {"type": "string", "description": "City name"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                    "days": {"type": "integer", "minimum": 1, "maximum": 7.5},
                },
                "required": ["location"],
            },
        },
    }
]

SYSTEM = {"role": "system", "content": "You are a helpful assistant."}
USER1 = {"role": "user", "content": "Hello! What's the weather like in Zürich?"}


def scenarios():
    yield "user_only", {"messages": [USER1], "tools": None}
    yield "system_multi", {
        "messages": [
            SYSTEM,
            {"role": "user", "content": "Hi there"},
            {"role": "assistant", "content": "Hello, how can I help you today?"},
            {"role": "user", "content": "Tell me a \"joke\" about 'quotes'.\nThanks."},
        ],
        "tools": None,
    }
    yield "tools", {
        "messages": [
            SYSTEM,
            USER1,
            {
                "role": "assistant",
                "content": "",
                "tool_calls": [
                    {
                        "id": "call12345",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": {"location": "Zürich", "unit": "celsius"}},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "call12345", "name": "get_weather", "content": "{\"temperature\": 21.5}"},
        ],
        "tools": TOOLS,
    }
    yield "reasoning_field", {
        "messages": [
            {"role": "user", "content": "What is 2+2?"},
            {"role": "assistant", "reasoning_content": "The user asks a simple sum. 2+2=4.", "content": "4"},
            {"role": "user", "content": "And 3+3?"},
        ],
        "tools": None,
    }
    yield "think_tags", {
        "messages": [
            {"role": "user", "content": "What is 2+2?"},
            {"role": "assistant", "content": "<think>\nSimple sum.\n</think>\n\nThe answer is 4."},
            {"role": "user", "content": "And 3+3?"},
        ],
        "tools": None,
    }


BASE = {"bos_token": "<s>", "eos_token": "</s>", "documents": None}


def all_scenarios():
    for name, ctx in scenarios():
        for agp in (False, True):
            full = dict(ctx)
            full.update(BASE)
            full["add_generation_prompt"] = agp
            yield f"{name}/agp={str(agp).lower()}", full


def render(source, ctx):
    try:
        template = compile_template(source)
    except Exception as e:  # noqa: BLE001 - recorded as the golden
        return {"error": {"type": type(e).__name__, "message": str(e), "phase": "parse"}}
    try:
        return {"output": template.render(**ctx)}
    except Exception as e:  # noqa: BLE001
        return {"error": {"type": type(e).__name__, "message": str(e), "phase": "render"}}


def write_features(out_dir):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from features import CTX, FEATURES

    cases = []
    for name, source in FEATURES:
        cases.append({"name": name, "source": source, **render(source, CTX)})
    with open(os.path.join(out_dir, "_features.json"), "w", encoding="utf-8") as f:
        json.dump({"context": CTX, "cases": cases}, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    src_dir, out_dir = sys.argv[1], sys.argv[2]
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1735689600")
    os.makedirs(out_dir, exist_ok=True)
    write_features(out_dir)
    scen = list(all_scenarios())
    with open(os.path.join(out_dir, "_scenarios.json"), "w", encoding="utf-8") as f:
        json.dump({"source_date_epoch": int(os.environ["SOURCE_DATE_EPOCH"]),
                   "scenarios": [{"name": n, "context": c} for n, c in scen]},
                  f, ensure_ascii=False, indent=1)
        f.write("\n")
    for file in sorted(os.listdir(src_dir)):
        if not file.endswith(".jinja"):
            continue
        with open(os.path.join(src_dir, file), encoding="utf-8", newline="") as f:
            source = f.read()
        results = []
        for name, ctx in scen:
            results.append({"scenario": name, **render(source, ctx)})
        golden = {"template": file, "jinja2": jinja2.__version__, "source": source, "results": results}
        with open(os.path.join(out_dir, file[: -len(".jinja")] + ".json"), "w", encoding="utf-8") as f:
            json.dump(golden, f, ensure_ascii=False, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes cases/chat.json: Modelfile templates of common chat families and conversation scenarios."""
import json, os

T = {}
T["chatml"] = """{{- if .Messages }}
{{- if .System }}<|im_start|>system
{{ .System }}<|im_end|>
{{ end }}
{{- range .Messages }}<|im_start|>{{ .Role }}
{{ .Content }}<|im_end|>
{{ end }}<|im_start|>assistant
{{ else }}
{{ if .System }}<|im_start|>system
{{ .System }}<|im_end|>
{{ end }}{{ if .Prompt }}<|im_start|>user
{{ .Prompt }}<|im_end|>
{{ end }}<|im_start|>assistant
{{ .Response }}<|im_end|>
{{- end }}"""
T["llama3-instruct"] = """{{- if .Messages }}
{{- if .System }}<|start_header_id|>system<|end_header_id|>

{{ .System }}<|eot_id|>
{{- end }}
{{- range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>

{{ .Content }}<|eot_id|>
{{- end }}<|start_header_id|>assistant<|end_header_id|>

{{ else -}}
{{ if .System }}<|start_header_id|>system<|end_header_id|>

{{ .System }}<|eot_id|>{{ end }}{{ if .Prompt }}<|start_header_id|>user<|end_header_id|>

{{ .Prompt }}<|eot_id|>{{ end }}<|start_header_id|>assistant<|end_header_id|>

{{ .Response }}<|eot_id|>
{{- end -}}"""
T["llama3.1-tools"] = """{{- if or .System .Tools }}<|start_header_id|>system<|end_header_id|>
{{- if .System }}

{{ .System }}
{{- end }}
{{- if .Tools }}

Cutting Knowledge Date: December 2023

When you receive a tool call response, use the output to format an answer to the orginal user question.

You are a helpful assistant with tool calling capabilities.
{{- end }}<|eot_id|>
{{- end }}
{{- range $i, $_ := .Messages }}
{{- $last := eq (len (slice $.Messages $i)) 1 }}
{{- if eq .Role "user" }}<|start_header_id|>user<|end_header_id|>
{{- if and $.Tools $last }}

Given the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.

Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}. Do not use variables.

{{ range $.Tools }}
{{- . }}
{{ end }}
Question: {{ .Content }}<|eot_id|>
{{- else }}

{{ .Content }}<|eot_id|>
{{- end }}{{ if $last }}<|start_header_id|>assistant<|end_header_id|>

{{ end }}
{{- else if eq .Role "assistant" }}<|start_header_id|>assistant<|end_header_id|>
{{- if .ToolCalls }}
{{ range .ToolCalls }}
{"name": "{{ .Function.Name }}", "parameters": {{ .Function.Arguments }}}{{ end }}
{{- else }}

{{ .Content }}
{{- end }}{{ if not $last }}<|eot_id|>{{ end }}
{{- else if eq .Role "tool" }}<|start_header_id|>ipython<|end_header_id|>

{{ .Content }}<|eot_id|>{{ if $last }}<|start_header_id|>assistant<|end_header_id|>

{{ end }}
{{- end }}
{{- end }}"""
T["mistral-instruct"] = """{{- if .Messages }}
{{- range $index, $_ := .Messages }}
{{- if eq .Role "user" }}[INST] {{ if and $.System (eq (len (slice $.Messages $index)) 1) }}{{ $.System }}
{{ end }}{{ .Content }}
{{- else if eq .Role "assistant" }}[/INST] {{ .Content }}</s>
{{- end }}
{{- end }}[/INST]
{{- else -}}
[INST] {{ if .System }}{{ .System }} {{ end }}{{ .Prompt }}[/INST] {{ .Response }}</s>
{{- end -}}"""
T["mistral-v0.3-tools"] = """{{- if .Messages }}
{{- range $index, $_ := .Messages }}
{{- if eq .Role "user" }}
{{- if and (eq (len (slice $.Messages $index)) 1) $.Tools }}[AVAILABLE_TOOLS] {{ $.Tools }}[/AVAILABLE_TOOLS]
{{- end }}[INST] {{ if and $.System (eq (len (slice $.Messages $index)) 1) }}{{ $.System }}

{{ end }}{{ .Content }}[/INST]
{{- else if eq .Role "assistant" }}
{{- if .Content }} {{ .Content }}
{{- else if .ToolCalls }}[TOOL_CALLS] [
{{- range .ToolCalls }}{"name": "{{ .Function.Name }}", "arguments": {{ .Function.Arguments }}}
{{- end }}]
{{- end }}</s>
{{- else if eq .Role "tool" }}[TOOL_RESULTS] {"content": {{ .Content }}} [/TOOL_RESULTS]
{{- end }}
{{- end }}
{{- else }}[INST] {{ if .System }}{{ .System }}

{{ end }}{{ .Prompt }}[/INST]
{{- end }} {{ .Response }}
{{- if .Response }}</s>
{{- end }}"""
T["gemma-instruct"] = """{{- if .Messages }}
{{- range $index, $_ := .Messages }}<start_of_turn>
{{- if eq .Role "user" }}user
{{- if and $.System (eq $index 0) }}
{{ $.System }}
{{- end }}
{{- else if eq .Role "assistant" }}model
{{- end }}
{{ .Content }}<end_of_turn>
{{ end }}<start_of_turn>model
{{ else -}}
<start_of_turn>user
{{ if .System }}{{ .System }}
{{ end }}{{ .Prompt }}<end_of_turn>
<start_of_turn>model
{{ .Response }}<end_of_turn>
{{ end -}}"""
T["phi-3"] = """{{ if .System }}<|system|>
{{ .System }}<|end|>
{{ end }}{{ if .Prompt }}<|user|>
{{ .Prompt }}<|end|>
{{ end }}<|assistant|>
{{ .Response }}<|end|>"""
T["alpaca-legacy"] = """{{ if .System }}{{ .System }}

{{ end }}### Instruction:
{{ .Prompt }}

### Response:
{{ .Response }}

"""
T["vicuna-legacy"] = """{{ if .System }}{{ .System }}

{{ end }}USER: {{ .Prompt }}
ASSISTANT: {{ .Response }}</s>
"""
T["no-response"] = """{{ if .System }}System: {{ .System }}
{{ end }}User: {{ .Prompt }}
Assistant:"""
T["codellama-fim"] = """<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>"""
T["fim-or-prompt"] = """{{- if .Suffix }}<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>
{{- else }}{{ .Prompt }}
{{- end }}"""
T["qwen3-thinking"] = """{{- $lastUserIdx := -1 -}}
{{- range $idx, $msg := .Messages -}}
{{- if eq $msg.Role "user" }}{{ $lastUserIdx = $idx }}{{ end -}}
{{- end }}
{{- if or .System .Tools }}<|im_start|>system
{{ if .System }}
{{ .System }}
{{- end }}
{{- if .Tools }}

# Tools

You may call one or more functions to assist with the user query.

You are provided with function signatures within <tools></tools> XML tags:
<tools>
{{- range .Tools }}
{"type": "function", "function": {{ .Function }}}
{{- end }}
</tools>

For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:
<tool_call>
{"name": <function-name>, "arguments": <args-json-object>}
</tool_call>
{{- end -}}
<|im_end|>
{{ end }}
{{- range $i, $_ := .Messages }}
{{- $last := eq (len (slice $.Messages $i)) 1 -}}
{{- if eq .Role "user" }}<|im_start|>user
{{ .Content }}
{{- if and $.IsThinkSet (eq $i $lastUserIdx) }}
   {{- if $.Think -}}
      {{- " "}}/think
   {{- else -}}
      {{- " "}}/no_think
   {{- end -}}
{{- end }}<|im_end|>
{{ else if eq .Role "assistant" }}<|im_start|>assistant
{{ if (and $.IsThinkSet (and .Thinking (or $last (gt $i $lastUserIdx)))) -}}
<think>{{ .Thinking }}</think>
{{ end -}}
{{ if .Content }}{{ .Content }}
{{- else if .ToolCalls }}<tool_call>
{{ range .ToolCalls }}{"name": "{{ .Function.Name }}", "arguments": {{ .Function.Arguments }}}
{{ end }}</tool_call>
{{- end }}{{ if not $last }}<|im_end|>
{{ end }}
{{- else if eq .Role "tool" }}<|im_start|>user
<tool_response>
{{ .Content }}
</tool_response><|im_end|>
{{ end }}
{{- if and (ne .Role "assistant") $last }}<|im_start|>assistant
{{ if and $.IsThinkSet (not $.Think) -}}
<think>

</think>

{{ end -}}
{{ end }}
{{- end }}"""
T["probe"] = """{{- range .Tools }}T:{{ .Type }}|{{ .Function.Name }}|{{ .Function.Description }}|{{ .Function.Parameters.Type }}|{{ .Function.Parameters.Required }}|{{ .Function.Parameters.Properties }}
{{ range $k, $v := .Function.Parameters.Properties }}P:{{ $k }}:{{ $v.Type }}:{{ $v.Description }}:{{ $v.Enum }}:{{ toTypeScriptType $v }}:{{ $v.Items }}:{{ len $v.AnyOf }}:{{ json $v }}
{{ end }}J:{{ . }}
F:{{ .Function }}
FP:{{ .Function.Parameters }}
{{ end -}}
{{ range .Messages }}M:{{ .Role }}|{{ .Content }}|{{ .Thinking }}|{{ len .Images }}|{{ .ToolName }}|{{ .ToolCallID }}|{{ len .ToolCalls }}
{{ range .ToolCalls }}C:{{ .ID }}|{{ .Function.Index }}|{{ .Function.Name }}|{{ .Function.Arguments }}|{{ json .Function.Arguments }}
{{ range $k, $v := .Function.Arguments }}A:{{ $k }}={{ $v }}
{{ end }}{{ end }}{{ end -}}
S:{{ .System }}|Think:{{ .Think }}|Level:{{ .ThinkLevel }}|Set:{{ .IsThinkSet }}|Tools:{{ .Tools }}|JT:{{ json .Tools }}|R:{{ .Response }}|P:{{ .Prompt }}|X:{{ .Suffix }}|N:{{ len .Messages }}
{{ with .Tools }}{{ index . 0 }}{{ end }}"""
T["legacy-probe"] = """{{ if .System }}[S:{{ .System }}]{{ end }}[P:{{ .Prompt }}]{{ if .Think }}(think {{ .ThinkLevel }}){{ end }}{{ if true }}[R:{{ .Response }}|after-in-if]{{ end }} [tail {{ .Prompt }}]
"""
T["thinking-tags-custom"] = """{{- range .Messages }}{{ if eq .Role "assistant" }}{{ if .Thinking }}
  <reasoning>  {{ .Thinking }}  </reasoning>
{{ end }}{{ .Content }}{{ else }}{{ .Role }}: {{ .Content }}
{{ end }}{{ end }}"""

WEATHER_TOOL = {"type": "function", "function": {"name": "get_weather", "description": "Get the weather in a <city> & region",
    "parameters": {"type": "object", "required": ["city"], "properties": {
        "city": {"type": "string", "description": "The city"},
        "unit": {"type": "string", "description": "Unit", "enum": ["celsius", "fahrenheit"]},
        "days": {"type": ["integer", "null"], "description": "Days ahead", "minimum": 0},
        "options": {"type": "object", "description": "Extra", "properties": {"zeta": {"type": "boolean"}, "alpha": {"type": "number"}}, "required": ["zeta"]},
        "tags": {"type": "array", "items": {"type": "string", "maxLength": 5}},
        "when": {"anyOf": [{"type": "string"}, {"type": "integer"}], "description": "Date or offset"}}}}}
TIME_TOOL = {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}}

def msg(role, content, **kw):
    m = {"role": role, "content": content}
    m.update(kw)
    return m

S = {}
S["user"] = {"messages": [msg("user", "Hello, how are you?")]}
S["system-user-assistant-user"] = {"messages": [msg("system", "You are a helpful assistant."), msg("user", "Hello, how are you?"),
    msg("assistant", "I'm doing great. How can I help you today?"), msg("user", "I'd like to show off how chat templating works!")]}
S["consecutive-merge"] = {"messages": [msg("system", "Rule one."), msg("system", "Rule two."), msg("user", "First part."),
    msg("user", "Second part."), msg("assistant", "Answer A."), msg("assistant", "Answer B."), msg("user", "Thanks <3 & bye")]}
S["tools-call-result"] = {"tools": [WEATHER_TOOL, TIME_TOOL], "messages": [msg("system", "Use tools."), msg("user", "Weather in Paris and the time?"),
    msg("assistant", "", tool_calls=[
        {"id": "call_1", "function": {"index": 0, "name": "get_weather", "arguments": {"unit": "celsius", "city": "Paris", "days": 2, "options": {"zeta": True, "alpha": 1.5}}}},
        {"id": "call_2", "function": {"index": 1, "name": "get_time", "arguments": {}}}]),
    msg("tool", "{\"temp\": 21}", tool_name="get_weather", tool_call_id="call_1"),
    msg("tool", "12:00", tool_name="get_time", tool_call_id="call_2")]}
S["tools-offered"] = {"tools": [WEATHER_TOOL], "messages": [msg("user", "What's the weather in Oslo?")]}
S["thinking-history"] = {"think": True, "messages": [msg("system", "Think first."), msg("user", "What is 2+2?"),
    msg("assistant", "4", thinking="Add two and two."), msg("user", "And 3+3?")]}
S["think-false"] = {"think": False, "messages": [msg("user", "Quick answer?"), msg("assistant", "Yes.", thinking="hidden"), msg("user", "Again?")]}
S["think-high"] = {"think": "high", "messages": [msg("user", "Hard problem")]}
S["assistant-prefill"] = {"messages": [msg("system", "Be brief."), msg("user", "Write a haiku"), msg("assistant", "Leaves fall")]}
S["generate"] = {"messages": [msg("system", "You are a coder."), msg("user", "def add(")]}
S["fim"] = {"suffix": "return x", "messages": [msg("user", "def add(")]}
S["fim-empty-prompt"] = {"suffix": "return x", "messages": [msg("user", "")]}
S["empty"] = {"messages": []}
S["images-unicode"] = {"messages": [msg("user", "[img-0]What's this? caf\u00e9 \u65e5\u672c \U0001F600", images=["aGVsbG8="]),
    msg("assistant", "A picture."), msg("system", "Late system."), msg("user", "Tab\there, quote \" and backslash \\")]}
S["tool-then-user"] = {"messages": [msg("user", "a"), msg("tool", "ignored in legacy"), msg("user", "b")]}

doc = {"templates": [{"name": k, "source": v} for k, v in T.items()],
       "scenarios": [{"name": k, "input": v} for k, v in S.items()]}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases", "chat.json"), "w") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")

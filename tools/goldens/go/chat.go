package main

import (
	"encoding/json"
	"runtime"
)

// Ollama-like API structs (see ollama/api/types.go) with their String/JSON behaviour.

type Args map[string]any

func (a Args) String() string { b, _ := json.Marshal(a); return string(b) }

type ToolCallFunction struct {
	Index     int    `json:"index"`
	Name      string `json:"name"`
	Arguments Args   `json:"arguments"`
}

type ToolCall struct {
	ID       string           `json:"id,omitempty"`
	Function ToolCallFunction `json:"function"`
}

type Message struct {
	Role       string     `json:"role"`
	Content    string     `json:"content"`
	Thinking   string     `json:"thinking,omitempty"`
	ToolCalls  []ToolCall `json:"tool_calls,omitempty"`
	ToolName   string     `json:"tool_name,omitempty"`
	ToolCallID string     `json:"tool_call_id,omitempty"`
}

type Property struct {
	Type        string `json:"type"`
	Description string `json:"description"`
	Enum        []any  `json:"enum,omitempty"`
}

type Parameters struct {
	Type       string              `json:"type"`
	Required   []string            `json:"required"`
	Properties map[string]Property `json:"properties"`
}

type ToolFunction struct {
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Parameters  Parameters `json:"parameters"`
}

type Tool struct {
	Type     string       `json:"type"`
	Function ToolFunction `json:"function"`
}

func (t Tool) String() string { b, _ := json.Marshal(t); return string(b) }

func (f ToolFunction) String() string { b, _ := json.Marshal(f); return string(b) }

type Tools []Tool

func (t Tools) String() string { b, _ := json.Marshal(t); return string(b) }

type chatIn struct {
	System   string     `json:"system"`
	Messages []*Message `json:"messages"`
	Tools    Tools      `json:"tools"`
}

// chatData builds the map Ollama's template.Execute passes in messages mode.
func chatData(raw json.RawMessage) any {
	var in chatIn
	if err := json.Unmarshal(raw, &in); err != nil {
		panic(err)
	}
	return map[string]any{
		"System":   in.System,
		"Messages": in.Messages,
		"Tools":    in.Tools,
		"Response": "",
	}
}

func goVersion() string { return runtime.Version() }

// Command ollamagoldens renders Corral's Ollama-template golden cases with Go's real text/template and a hand port
// of Ollama's template.Execute (template.go) and thinking.InferTags.
//
// Usage: go run . <cases-dir> <out-dir>
//
// Each cases/*.json holds {"templates": [{name, source}], "scenarios": [{name, input}]}; every template is rendered
// with every scenario. A scenario input is {messages, tools?, think?, suffix?} in Ollama's API JSON shapes; like
// Ollama's /api/generate, a non-empty suffix renders Prompt (the last user message) and Suffix without messages.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
)

type namedTemplate struct {
	Name   string `json:"name"`
	Source string `json:"source"`
}

type scenario struct {
	Name  string          `json:"name"`
	Input json.RawMessage `json:"input"`
}

type input struct {
	Messages []Message      `json:"messages"`
	Tools    Tools          `json:"tools"`
	Think    *ThinkValueRaw `json:"think"`
	Suffix   string         `json:"suffix"`
}

type ThinkValueRaw struct{ ThinkValue }

func (t *ThinkValueRaw) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &t.Value) }

type fileIn struct {
	Templates []namedTemplate `json:"templates"`
	Scenarios []scenario      `json:"scenarios"`
}

type capabilities struct {
	Tools         bool   `json:"tools"`
	Insert        bool   `json:"insert"`
	ThinkingOpen  string `json:"thinking_open"`
	ThinkingClose string `json:"thinking_close"`
}

type templateOut struct {
	Name         string        `json:"name"`
	Source       string        `json:"source"`
	Error        *string       `json:"error,omitempty"`
	Capabilities *capabilities `json:"capabilities,omitempty"`
}

type caseOut struct {
	Template string  `json:"template"`
	Scenario string  `json:"scenario"`
	Output   *string `json:"output,omitempty"`
	Error    *string `json:"error,omitempty"`
}

func render(t *Template, raw json.RawMessage) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	var in input
	if err := json.Unmarshal(raw, &in); err != nil {
		panic(err)
	}
	var think *ThinkValue
	if in.Think != nil {
		think = &in.Think.ThinkValue
	}
	v := Values{Think: think.Bool(), ThinkLevel: think.String(), IsThinkSet: think != nil}
	if in.Suffix != "" {
		for _, m := range in.Messages {
			if m.Role == "user" {
				v.Prompt = m.Content
			}
		}
		v.Suffix = in.Suffix
	} else {
		v.Messages, v.Tools = in.Messages, in.Tools
	}
	var b bytes.Buffer
	err = t.Execute(&b, v)
	return b.String(), err
}

func main() {
	files, _ := filepath.Glob(filepath.Join(os.Args[1], "*.json"))
	sort.Strings(files)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		var in fileIn
		if err := json.Unmarshal(raw, &in); err != nil {
			panic(fmt.Errorf("%s: %w", f, err))
		}
		templates, cases := []templateOut{}, []caseOut{}
		for _, nt := range in.Templates {
			to := templateOut{Name: nt.Name, Source: nt.Source}
			t, err := Parse(nt.Source)
			if err != nil {
				e := err.Error()
				to.Error = &e
				templates = append(templates, to)
				continue
			}
			vars, _ := t.Vars()
			open, close := InferTags(t.Template)
			to.Capabilities = &capabilities{contains(vars, "tools"), contains(vars, "suffix"), open, close}
			templates = append(templates, to)
			for _, sc := range in.Scenarios {
				o := caseOut{Template: nt.Name, Scenario: sc.Name}
				s, err := render(t, sc.Input)
				if err != nil {
					e := err.Error()
					o.Error = &e
				} else {
					o.Output = &s
				}
				cases = append(cases, o)
			}
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		doc := map[string]any{"generator": "go " + runtime.Version(), "templates": templates, "scenarios": in.Scenarios, "cases": cases}
		if err := enc.Encode(doc); err != nil {
			panic(err)
		}
		dst := filepath.Join(os.Args[2], filepath.Base(f))
		if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
			panic(err)
		}
		fmt.Printf("%s: %d templates, %d cases\n", dst, len(templates), len(cases))
	}
}

// Command goldens renders the Corral Go-template golden cases with Go's real text/template.
//
// Usage: go run . <cases-dir> <out-dir>
//
// Every cases/*.json file holds {"default_data": any, "cases": [{name, template, data?, missingkey?, mode?}]}.
// For each file an output file of the same name is written with each case's "output" or "error".
// Data is decoded from JSON with integral numbers as int and others as float64. mode "chat" builds
// Ollama-like structs (messages with tool calls, tools) instead of plain maps.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
)

type caseIn struct {
	Name       string          `json:"name"`
	Template   string          `json:"template"`
	Data       json.RawMessage `json:"data,omitempty"`
	MissingKey string          `json:"missingkey,omitempty"`
	Mode       string          `json:"mode,omitempty"`
}

type fileIn struct {
	DefaultData json.RawMessage `json:"default_data"`
	Cases       []caseIn        `json:"cases"`
}

type caseOut struct {
	Name       string          `json:"name"`
	Template   string          `json:"template"`
	Data       json.RawMessage `json:"data,omitempty"`
	MissingKey string          `json:"missingkey,omitempty"`
	Mode       string          `json:"mode,omitempty"`
	Output     *string         `json:"output,omitempty"`
	Error      *string         `json:"error,omitempty"`
}

func decode(raw json.RawMessage) any {
	if len(raw) == 0 {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		panic(err)
	}
	return convert(v)
}

func convert(v any) any {
	switch t := v.(type) {
	case json.Number:
		s := t.String()
		if strings.ContainsAny(s, ".eE") {
			f, _ := t.Float64()
			return f
		}
		i, err := t.Int64()
		if err != nil {
			f, _ := t.Float64()
			return f
		}
		return int(i)
	case map[string]any:
		for k, x := range t {
			t[k] = convert(x)
		}
		return t
	case []any:
		for i, x := range t {
			t[i] = convert(x)
		}
		return t
	}
	return v
}

// tsType mirrors api.ToolProperty.ToTypeScriptType for properties given as maps or Property structs.
func tsType(v any) string {
	var anyOf []any
	var typ any
	switch p := v.(type) {
	case map[string]any:
		anyOf, _ = p["anyOf"].([]any)
		typ = p["type"]
	case Property:
		typ = p.Type
	case *Property:
		typ = p.Type
	default:
		return "any"
	}
	if len(anyOf) > 0 {
		parts := []string{}
		for _, a := range anyOf {
			parts = append(parts, tsType(a))
		}
		return strings.Join(parts, " | ")
	}
	switch t := typ.(type) {
	case string:
		if t == "" {
			return "any"
		}
		return mapTS(t)
	case []any:
		if len(t) == 0 {
			return "any"
		}
		parts := []string{}
		for _, x := range t {
			s, _ := x.(string)
			parts = append(parts, mapTS(s))
		}
		return strings.Join(parts, " | ")
	}
	return "any"
}

func mapTS(t string) string {
	switch t {
	case "string":
		return "string"
	case "number", "integer":
		return "number"
	case "boolean":
		return "boolean"
	case "array":
		return "any[]"
	case "object":
		return "Record<string, any>"
	case "null":
		return "null"
	}
	return "any"
}

var funcs = template.FuncMap{
	"json": func(v any) string {
		b, _ := json.Marshal(v)
		return string(b)
	},
	"currentDate":      func(args ...string) string { return "2024-06-01" },
	"yesterdayDate":    func(args ...string) string { return "2024-05-31" },
	"toTypeScriptType": tsType,
}

func render(c caseIn, data any) (string, error) {
	mk := c.MissingKey
	if mk == "" {
		mk = "zero"
	}
	t, err := template.New("t").Option("missingkey=" + mk).Funcs(funcs).Parse(c.Template)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	err = t.Execute(&b, data)
	return b.String(), err
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: goldens <cases-dir> <out-dir>")
		os.Exit(2)
	}
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
		out := []caseOut{}
		for _, c := range in.Cases {
			rawData := c.Data
			if len(rawData) == 0 {
				rawData = in.DefaultData
			}
			var data any
			if c.Mode == "chat" {
				data = chatData(rawData)
			} else {
				data = decode(rawData)
			}
			o := caseOut{Name: c.Name, Template: c.Template, Data: c.Data, MissingKey: c.MissingKey, Mode: c.Mode}
			s, err := render(c, data)
			if err != nil {
				e := err.Error()
				o.Error = &e
			} else {
				o.Output = &s
			}
			out = append(out, o)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"generator": "go " + goVersion(), "default_data": in.DefaultData, "cases": out}); err != nil {
			panic(err)
		}
		dst := filepath.Join(os.Args[2], filepath.Base(f))
		if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
			panic(err)
		}
		fmt.Printf("%s: %d cases\n", dst, len(out))
	}
}

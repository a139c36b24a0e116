// Corral's conformance suite (tests/Corral.Server.Tests/Conformance/cases.json) through the npm openai,
// @anthropic-ai/sdk and ollama packages. The same cases run through the .NET SDKs in ConformanceTests.cs.
// Each adapter turns a neutral case into that SDK's calls and the SDK's result into one neutral observation;
// check() compares it with the case's expectations. Run by NodeClientTests against a real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import { check } from './conformance/check.mjs';

const host = process.env.CORRAL_TEST_URL;
assert.ok(host, 'CORRAL_TEST_URL must point at a running Corral server');
const suite = JSON.parse(readFileSync(new URL('../Corral.Server.Tests/Conformance/cases.json', import.meta.url), 'utf8'));

const resolve = (value) => (typeof value === 'string' && value.startsWith('$') ? suite.refs[value.slice(1)] : value);

const adapters = {
  'openai-node': openaiAdapter(new OpenAI({ baseURL: `${host}/v1`, apiKey: 'corral', maxRetries: 0 })),
  'anthropic-node': anthropicAdapter(new Anthropic({ baseURL: host, apiKey: 'corral', maxRetries: 0 })),
  'ollama-node': ollamaAdapter(new Ollama({ host })),
};

test('conformance: fixture models exist', async () => {
  const { models } = await new Ollama({ host }).list();
  for (const name of Object.keys(suite.models).filter((k) => !k.startsWith('$'))) {
    assert.ok(models.some((m) => m.name === `${name}:latest`), `fixture model ${name} missing: create it in the .NET fixture`);
  }
});

// Cases a client cannot express are declared in the case file with a reason and reported here, not run and not
// skipped (a skipped test would prove nothing).
test('conformance: not-applicable cases are declared with a reason', (t) => {
  for (const c of suite.cases) {
    for (const [client, reason] of Object.entries(c.skip_clients ?? {})) {
      assert.ok(client in suite.clients, `${c.id}: unknown client ${client}`);
      assert.ok(reason.length > 10, `${c.id}: ${client} needs a reason`);
      if (client in adapters) t.diagnostic(`not applicable: ${client} ${c.id}: ${reason}`);
    }
  }
});

for (const c of suite.cases) {
  for (const [client, run] of Object.entries(adapters)) {
    if (c.skip_clients?.[client]) continue;

    test(`conformance ${client} ${c.id}`, async () => {
      const input = { ...c.input, tools: resolve(c.input.tools), schema: resolve(c.input.schema) };
      const observation = await observe(() => run(input));
      check(suite, client, c, observation);
    });
  }
}

async function observe(call) {
  try {
    return await call();
  } catch (e) {
    const body = e.error ?? {};
    return {
      error: {
        status: e.status ?? e.status_code ?? null,
        type: body.error?.type ?? body.type ?? null,
        code: body.error?.code ?? body.code ?? e.code ?? null,
        param: body.error?.param ?? body.param ?? e.param ?? null,
        message: String(body.error?.message ?? body.message ?? e.error ?? e.message ?? ''),
        sdk_class: e.constructor?.name === 'Error' ? e.name : e.constructor?.name,
        raw: String(e.stack ?? e),
      },
    };
  }
}

function openaiAdapter(openai) {
  const messages = (input) => [
    ...(input.system ? [{ role: 'system', content: input.system }] : []),
    ...input.messages.map((m) => {
      if (m.tool_call) {
        const call = m.tool_call;
        return { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }] };
      }
      if (m.role === 'tool') return { role: 'tool', tool_call_id: m.tool_call_id, content: m.content };
      return { role: m.role, content: m.content };
    }),
  ];
  return async (input) => {
    if (input.list_models) {
      const ids = [];
      for await (const m of openai.models.list()) ids.push(m.id);
      return { model_ids: ids };
    }
    if (input.get_model) {
      const m = await openai.models.retrieve(input.get_model);
      return { model_id: m.id, owned_by: m.owned_by };
    }
    if (input.embed) {
      const r = await openai.embeddings.create({ model: input.model, input: input.embed, ...(input.dimensions ? { dimensions: input.dimensions } : {}) });
      return { embeddings: r.data.map((d) => d.embedding), prompt_tokens: r.usage.prompt_tokens };
    }
    const request = {
      model: input.model,
      messages: messages(input),
      max_tokens: input.max_tokens,
      temperature: 0,
      ...(input.tools ? { tools: input.tools.map((t) => ({ type: 'function', function: t })) } : {}),
      ...(input.schema ? { response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: input.schema } } } : {}),
      ...(input.think ? { reasoning_effort: 'low' } : {}),
      ...(input.logprobs !== undefined ? { logprobs: true, top_logprobs: input.logprobs } : {}),
      ...(input.extra_body ?? {}),
    };
    if (!input.stream) {
      const r = await openai.chat.completions.create(request);
      assert.equal(r.object, 'chat.completion');
      assert.equal(r.choices[0].message.role, 'assistant');
      const message = r.choices[0].message;
      return {
        id: r.id,
        text: message.content ?? '',
        finish: r.choices[0].finish_reason,
        prompt_tokens: r.usage.prompt_tokens,
        output_tokens: r.usage.completion_tokens,
        total_tokens: r.usage.total_tokens,
        reasoning: message.reasoning_content ?? null,
        tool_calls: (message.tool_calls ?? []).map((t) => ({ id: t.id, name: t.function.name, arguments: t.function.arguments })),
        logprobs: r.choices[0].logprobs?.content?.map((l) => ({ token: l.token, logprob: l.logprob, top: l.top_logprobs })) ?? null,
      };
    }

    const stream = await openai.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
    const o = { text: '', deltas: 0, reasoning: '', tool_calls: [] };
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      const choice = chunk.choices[0];
      if (chunk.usage) {
        assert.deepEqual(chunk.choices, [], 'the usage chunk has no choices');
        o.prompt_tokens = chunk.usage.prompt_tokens;
        o.output_tokens = chunk.usage.completion_tokens;
        o.total_tokens = chunk.usage.total_tokens;
      }
      if (!choice) continue;
      if (choice.delta.content) { o.text += choice.delta.content; o.deltas++; }
      if (choice.delta.reasoning_content) o.reasoning += choice.delta.reasoning_content;
      for (const t of choice.delta.tool_calls ?? []) {
        // OpenAI streams a call's id and name first and its arguments in fragments after.
        if (!o.tool_calls[t.index]) {
          assert.ok(t.id && t.function?.name, 'the first fragment of a tool call carries its id and name');
          o.tool_calls[t.index] = { id: t.id, name: t.function.name, arguments: '' };
        }
        o.tool_calls[t.index].arguments += t.function?.arguments ?? '';
      }
      if (choice.finish_reason) o.finish = choice.finish_reason;
    }
    assert.equal(chunks[0].choices[0].delta.role, 'assistant');
    assert.ok(chunks.every((c) => c.id === chunks[0].id), 'every chunk carries the same id');
    o.id = chunks[0].id;
    return o;
  };
}

function anthropicAdapter(client) {
  const messages = (input) => input.messages.map((m) => {
    if (m.tool_call) {
      return { role: 'assistant', content: [{ type: 'tool_use', id: m.tool_call.id, name: m.tool_call.name, input: m.tool_call.arguments }] };
    }
    if (m.role === 'tool') return { role: 'user', content: [{ type: 'tool_result', tool_use_id: m.tool_call_id, content: m.content }] };
    return { role: m.role, content: m.content };
  });
  // Structured output, as response_format is on OpenAI and format on Ollama; with tools the schema is a call's shape,
  // and the forced answer comes back as a tool_use block. (tool_choice any would force a call too, but only to the
  // tool's own input_schema, not to this narrower one.)
  const schema = (input) => (input.schema ? { output_config: { format: { type: 'json_schema', schema: input.schema } } } : {});
  return async (input) => {
    if (input.list_models) {
      // One model a page, so the SDK's paging (has_more, after_id = the page's last_id) walks the whole list.
      const ids = [];
      for await (const m of client.models.list({ limit: 1 })) {
        assert.equal(m.type, 'model');
        assert.ok(!Number.isNaN(Date.parse(m.created_at)), `created_at ${m.created_at}`);
        ids.push(m.id);
      }
      return { model_ids: ids };
    }
    if (input.get_model) {
      const m = await client.models.retrieve(input.get_model);
      assert.equal(m.type, 'model');
      return { model_id: m.id, display_name: m.display_name };
    }
    const request = {
      model: input.model,
      max_tokens: input.max_tokens,
      temperature: 0,
      ...(input.system ? { system: input.system } : {}),
      messages: messages(input),
      ...(input.tools ? { tools: input.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters })) } : {}),
      ...schema(input),
      ...(input.think ? { thinking: { type: 'enabled', budget_tokens: 1024 } } : {}),
      ...(input.extra_body ?? {}),
    };
    if (!input.stream) {
      const m = await client.messages.create(request);
      assert.equal(m.type, 'message');
      return fromMessage(m);
    }

    const stream = client.messages.stream(request);
    let deltas = 0;
    stream.on('text', () => { deltas++; });
    const events = [];
    // A tool_use block starts with its id, name and an empty input; the input follows as input_json_delta fragments.
    // (Checked after the stream: an assertion thrown inside a listener would not reach this test.)
    const calls = new Map();
    const problems = [];
    stream.on('streamEvent', (e) => {
      events.push(e.type);
      if (e.type === 'content_block_start' && e.content_block.type === 'tool_use') {
        if (JSON.stringify(e.content_block.input) !== '{}') problems.push(`tool_use started with input ${JSON.stringify(e.content_block.input)}`);
        calls.set(e.index, { id: e.content_block.id, name: e.content_block.name, arguments: '' });
      }
      if (e.type === 'content_block_delta' && e.delta.type === 'input_json_delta') {
        if (!calls.has(e.index)) problems.push(`input_json_delta for block ${e.index}, which is not a tool_use`);
        else calls.get(e.index).arguments += e.delta.partial_json;
      }
    });
    const final = await stream.finalMessage();
    const o = fromMessage(final);
    o.deltas = deltas;
    o.final_text = o.text;
    assert.deepEqual(problems, []);
    assert.equal(events[0], 'message_start');
    assert.equal(events.at(-1), 'message_stop');
    // The calls as accumulated from the events are the ones the SDK's final message holds.
    const streamed = [...calls.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
    assert.deepEqual(streamed.map((c) => ({ ...c, arguments: JSON.parse(c.arguments) })),
      o.tool_calls.map((c) => ({ ...c, arguments: JSON.parse(c.arguments) })));
    o.tool_calls = streamed;
    return o;
  };

  function fromMessage(m) {
    const blocks = m.content;
    return {
      id: m.id,
      text: blocks.filter((b) => b.type === 'text').map((b) => b.text).join(''),
      reasoning: blocks.some((b) => b.type === 'thinking') ? blocks.filter((b) => b.type === 'thinking').map((b) => b.thinking).join('') : null,
      tool_calls: blocks.filter((b) => b.type === 'tool_use').map((b) => ({ id: b.id, name: b.name, arguments: JSON.stringify(b.input) })),
      finish: m.stop_reason,
      // Anthropic counts cached prompt tokens apart from input_tokens: the prompt is their sum.
      prompt_tokens: m.usage.input_tokens + (m.usage.cache_read_input_tokens ?? 0) + (m.usage.cache_creation_input_tokens ?? 0),
      output_tokens: m.usage.output_tokens,
    };
  }
}

function ollamaAdapter(ollama) {
  const messages = (input) => [
    ...(input.system ? [{ role: 'system', content: input.system }] : []),
    ...input.messages.map((m) => {
      if (m.tool_call) return { role: 'assistant', content: '', tool_calls: [{ function: { name: m.tool_call.name, arguments: m.tool_call.arguments } }] };
      if (m.role === 'tool') return { role: 'tool', tool_name: m.name, content: m.content };
      return { role: m.role, content: m.content };
    }),
  ];
  return async (input) => {
    if (input.list_models) {
      const { models } = await ollama.list();
      return { model_ids: models.map((m) => m.name) };
    }
    if (input.embed) {
      const r = await ollama.embed({ model: input.model, input: input.embed, ...(input.dimensions ? { dimensions: input.dimensions } : {}) });
      return { embeddings: r.embeddings, prompt_tokens: r.prompt_eval_count };
    }
    const request = {
      model: input.model,
      messages: messages(input),
      options: { num_predict: input.max_tokens, temperature: 0 },
      ...(input.tools ? { tools: input.tools.map((t) => ({ type: 'function', function: t })) } : {}),
      ...(input.schema ? { format: input.schema } : {}),
      ...(input.think ? { think: true } : {}),
      ...(input.logprobs !== undefined ? { logprobs: true, top_logprobs: input.logprobs } : {}),
    };
    const o = { text: '', deltas: 0, reasoning: '', tool_calls: [] };
    const parts = input.stream ? await ollama.chat({ ...request, stream: true }) : [await ollama.chat({ ...request, stream: false })];
    let last;
    for await (const part of parts) {
      last = part;
      assert.equal(part.message.role, 'assistant');
      if (part.message.content) { o.text += part.message.content; o.deltas++; }
      if (part.message.thinking) o.reasoning += part.message.thinking;
      for (const t of part.message.tool_calls ?? []) {
        o.tool_calls.push({ id: t.id, name: t.function.name, arguments: JSON.stringify(t.function.arguments) });
      }
      if (part.logprobs) o.logprobs = [...(o.logprobs ?? []), ...part.logprobs.map((l) => ({ token: l.token, logprob: l.logprob, top: l.top_logprobs }))];
    }
    assert.equal(last.done, true);
    o.finish = last.done_reason;
    o.prompt_tokens = last.prompt_eval_count;
    o.output_tokens = last.eval_count;
    if (!input.stream) o.deltas = 0;
    return o;
  };
}

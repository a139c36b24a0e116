// The one assertion function of the Node conformance adapters: an observation against a case's expectations
// (tests/Corral.Server.Tests/Conformance/cases.json). Mirrors Conformance/Expectations.cs.
import assert from 'node:assert/strict';

export function check(suite, client, c, o) {
  const protocol = suite.clients[client];
  const e = c.expect;
  const where = `${client} ${c.id}`;
  if (e.error) {
    assert.ok(o.error, `${where}: expected an error, got ${JSON.stringify(o)}`);
    const err = o.error;
    assert.equal(err.status, e.error.status, `${where}: status (${err.raw})`);
    assert.ok(err.message.includes(e.error.message_contains), `${where}: message '${err.message}' lacks '${e.error.message_contains}'`);
    for (const field of ['type', 'code', 'param', 'message']) {
      const want = e.error[field]?.[protocol];
      if (want !== undefined) assert.equal(err[field], want, `${where}: error ${field}`);
    }
    const prefix = e.error.message_prefix?.[protocol];
    if (prefix !== undefined) assert.ok(err.message.startsWith(prefix), `${where}: message '${err.message}' should start with '${prefix}'`);
    const sdkClass = e.error.sdk_class?.[client];
    if (sdkClass !== undefined) assert.equal(err.sdk_class, sdkClass, `${where}: the SDK's error class`);
    return;
  }

  assert.ok(!o.error, `${where}: unexpected error ${JSON.stringify(o.error)}`);
  if (e.text_nonempty) assert.ok(o.text.length > 0, `${where}: empty text`);
  if (e.text_empty) assert.equal(o.text, '', `${where}: text beside the tool call`);
  if (e.finish) assert.equal(o.finish, suite.finish_reasons[e.finish][protocol], `${where}: finish reason`);
  if (e.output_tokens !== undefined) assert.equal(o.output_tokens, e.output_tokens, `${where}: output tokens`);
  if (e.prompt_tokens !== undefined) assert.equal(o.prompt_tokens, e.prompt_tokens, `${where}: prompt tokens`);
  if (e.prompt_tokens_min !== undefined) assert.ok(o.prompt_tokens >= e.prompt_tokens_min, `${where}: prompt tokens ${o.prompt_tokens}`);
  if (e.total_is_sum && o.total_tokens !== undefined) assert.equal(o.total_tokens, o.prompt_tokens + o.output_tokens, `${where}: total tokens`);
  const idPrefix = e.id_prefix?.[protocol];
  if (idPrefix) assert.ok(o.id.startsWith(idPrefix), `${where}: id ${o.id}`);
  if (e.min_deltas !== undefined) assert.ok(o.deltas >= e.min_deltas, `${where}: ${o.deltas} text deltas`);
  if (e.final_text_is_deltas && o.final_text !== undefined) assert.equal(o.final_text, o.text, `${where}: final message vs deltas`);
  if (e.tool_call) {
    assert.equal(o.tool_calls.length, 1, `${where}: tool calls ${JSON.stringify(o.tool_calls)} (text '${o.text}')`);
    const call = o.tool_calls[0];
    assert.equal(call.name, e.tool_call.name, `${where}: tool name`);
    assert.ok(call.id?.startsWith(e.tool_call.id_prefix[protocol]), `${where}: tool call id ${call.id}`);
    const args = JSON.parse(call.arguments);
    for (const [key, allowed] of Object.entries(e.tool_call.arguments_enum)) {
      assert.ok(allowed.includes(args[key]), `${where}: argument ${key}=${args[key]}`);
    }
  }
  if (e.json_enum) {
    const answer = JSON.parse(o.text);
    for (const [key, allowed] of Object.entries(e.json_enum)) {
      assert.ok(allowed.includes(answer[key]), `${where}: ${key}=${answer[key]} in ${o.text}`);
    }
  }
  if (e.reasoning_nonempty) assert.ok(o.reasoning?.length > 0, `${where}: no reasoning (text '${o.text}')`);
  if (e.reasoning_excludes) assert.ok(!o.reasoning.includes(e.reasoning_excludes), `${where}: reasoning '${o.reasoning}'`);
  if (e.logprobs) {
    assert.equal(o.logprobs?.length, e.logprobs.tokens, `${where}: logprobs ${JSON.stringify(o.logprobs)}`);
    for (const l of o.logprobs) {
      assert.ok(l.logprob <= 0, `${where}: logprob ${l.logprob}`);
      assert.equal(l.top.length, e.logprobs.top, `${where}: top logprobs`);
      assert.ok(l.top.every((t) => t.logprob <= l.top[0].logprob), `${where}: top logprobs are ordered`);
    }
  }
  if (e.embeddings) {
    const x = e.embeddings;
    assert.equal(o.embeddings.length, x.count, `${where}: vectors`);
    for (const v of o.embeddings) {
      if (x.length !== undefined) assert.equal(v.length, x.length, `${where}: dimensions`);
      else assert.ok(v.length > 0, `${where}: empty vector`);
      if (x.unit_norm) {
        const norm = Math.sqrt(v.reduce((s, f) => s + f * f, 0));
        assert.ok(Math.abs(norm - 1) < 1e-3, `${where}: norm ${norm}`);
      }
    }
    if (x.distinct) assert.notDeepEqual(o.embeddings[0], o.embeddings[1], `${where}: identical vectors`);
  }
  if (e.model_ids) for (const id of e.model_ids) assert.ok(o.model_ids.includes(id), `${where}: ${id} not in ${o.model_ids}`);
  if (e.model_id) assert.equal(o.model_id, e.model_id, `${where}: model id`);
  const owner = e.owned_by?.[protocol];
  if (owner !== undefined) assert.equal(o.owned_by, owner, `${where}: owned_by`);
  const displayName = e.display_name?.[protocol];
  if (displayName !== undefined) assert.equal(o.display_name, displayName, `${where}: display_name`);
}

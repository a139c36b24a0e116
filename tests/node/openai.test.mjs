// The npm `openai` package against a running Corral server (CORRAL_TEST_URL) through its OpenAI-compatible /v1 API,
// with the models created by the .NET fixture: `stories`, `chatml` and `tinyllama`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const host = process.env.CORRAL_TEST_URL;
assert.ok(host, 'CORRAL_TEST_URL must point at a running Corral server');
const openai = new OpenAI({ baseURL: `${host}/v1`, apiKey: 'corral', maxRetries: 0 });

test('openai: chat completion', async () => {
  const r = await openai.chat.completions.create({ model: 'chatml', messages: [{ role: 'user', content: 'Hello' }], max_tokens: 6, temperature: 0 });
  assert.match(r.id, /^chatcmpl-/);
  assert.equal(r.object, 'chat.completion');
  assert.equal(r.choices[0].message.role, 'assistant');
  assert.equal(r.choices[0].finish_reason, 'length');
  assert.equal(r.usage.completion_tokens, 6);
  assert.equal(r.usage.total_tokens, r.usage.prompt_tokens + 6);
});

test('openai: streamed chat with usage', async () => {
  const stream = await openai.chat.completions.create({
    model: 'chatml', messages: [{ role: 'user', content: 'Hello' }], max_tokens: 6, stream: true, stream_options: { include_usage: true },
  });
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  assert.equal(chunks[0].choices[0].delta.role, 'assistant');
  assert.ok(chunks.every((c) => c.id === chunks[0].id));
  const finish = chunks.find((c) => c.choices[0]?.finish_reason);
  assert.equal(finish.choices[0].finish_reason, 'length');
  const usage = chunks.at(-1);
  assert.deepEqual(usage.choices, []);
  assert.equal(usage.usage.completion_tokens, 6);
});

test('openai: models, embeddings and completions', async () => {
  const ids = [];
  for await (const m of openai.models.list()) ids.push(m.id);
  assert.ok(ids.includes('stories:latest'), ids.join(','));
  const e = await openai.embeddings.create({ model: 'tinyllama', input: ['a', 'b'] });
  assert.equal(e.data.length, 2);
  assert.ok(e.data[0].embedding.length > 0);
  const c = await openai.completions.create({ model: 'stories', prompt: 'Once upon a time', max_tokens: 4 });
  assert.equal(c.object, 'text_completion');
  assert.equal(c.choices[0].finish_reason, 'length');
});

test('openai: errors carry OpenAI shape', async () => {
  await assert.rejects(openai.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }), (err) => {
    assert.equal(err.status, 404);
    assert.equal(err.code, 'model_not_found');
    return true;
  });
  await assert.rejects(openai.chat.completions.create({ model: 'stories', messages: [{ role: 'user', content: 'x' }], n: 2 }), (err) => {
    assert.equal(err.status, 400);
    assert.equal(err.param, 'n');
    return true;
  });
});

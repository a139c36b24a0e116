// The npm `ollama` package against a running Corral server (CORRAL_TEST_URL), with models created by the .NET fixture:
// `stories` (stories260K) and `tinyllama` (TinyLLama-v0 Q4_0, used for embeddings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';

const host = process.env.CORRAL_TEST_URL;
assert.ok(host, 'CORRAL_TEST_URL must point at a running Corral server');
const ollama = new Ollama({ host });

test('list shows the created models', async () => {
  const { models } = await ollama.list();
  const names = models.map((m) => m.name);
  assert.ok(names.includes('stories:latest'), names.join(','));
  const stories = models.find((m) => m.name === 'stories:latest');
  assert.equal(stories.details.family, 'llama');
  assert.match(stories.digest, /^[0-9a-f]{64}$/);
});

test('generate streams parts and ends with metrics', async () => {
  const parts = [];
  const stream = await ollama.generate({ model: 'stories', prompt: 'Once upon a time', stream: true, options: { num_predict: 12, temperature: 0 } });
  for await (const part of stream) parts.push(part);
  assert.ok(parts.length > 3, `got ${parts.length} parts`);
  const last = parts.at(-1);
  assert.equal(last.done, true);
  assert.equal(last.done_reason, 'length');
  assert.equal(last.eval_count, 12);
  assert.ok(last.total_duration > 0);
  assert.ok(parts.map((p) => p.response).join('').length > 0);
});

test('non-streamed generate is deterministic with a seed', async () => {
  const ask = () => ollama.generate({ model: 'stories', prompt: 'The dog', options: { num_predict: 10, seed: 7, temperature: 1 } });
  const [a, b] = await Promise.all([ask(), ask()]);
  assert.equal(a.response, b.response);
});

test('chat answers as the assistant', async () => {
  const response = await ollama.chat({ model: 'stories', messages: [{ role: 'user', content: 'Once upon a time' }], options: { num_predict: 8 } });
  assert.equal(response.message.role, 'assistant');
  assert.equal(response.done, true);
});

test('embed returns unit-length vectors', async () => {
  const { embeddings } = await ollama.embed({ model: 'tinyllama', input: ['hello world', 'good night'] });
  assert.equal(embeddings.length, 2);
  for (const v of embeddings) {
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    assert.ok(Math.abs(norm - 1) < 1e-3, `norm ${norm}`);
  }
});

test('show, copy, ps and delete', async () => {
  const show = await ollama.show({ model: 'stories' });
  assert.ok(show.capabilities.includes('completion'));
  await ollama.copy({ source: 'stories', destination: 'node-copy' });
  await ollama.generate({ model: 'node-copy', prompt: '', keep_alive: '1m' });
  const { models } = await ollama.ps();
  assert.ok(models.some((m) => m.name === 'node-copy:latest' || m.name === 'stories:latest'));
  await ollama.delete({ model: 'node-copy' });
  const after = await ollama.list();
  assert.ok(!after.models.some((m) => m.name === 'node-copy:latest'));
});

test('errors come back in the client error type with the server message', async () => {
  await assert.rejects(
    () => ollama.generate({ model: 'does-not-exist', prompt: 'hi' }),
    (err) => err.name === 'ResponseError' && err.status_code === 404 && /model 'does-not-exist' not found/.test(err.message),
  );
});

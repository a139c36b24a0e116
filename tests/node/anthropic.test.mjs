// Corral's Anthropic Messages API exercised by the official @anthropic-ai/sdk (run by NodeClientTests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic({ baseURL: process.env.CORRAL_TEST_URL, apiKey: 'corral', maxRetries: 0 });

test('messages.create returns a message', async () => {
  const message = await client.messages.create({
    model: 'chatml',
    max_tokens: 8,
    system: 'You are terse.',
    messages: [{ role: 'user', content: 'Say hello.' }],
  });
  assert.match(message.id, /^msg_/);
  assert.equal(message.type, 'message');
  assert.equal(message.content[0].type, 'text');
  assert.ok(message.content[0].text.length > 0);
  assert.ok(['end_turn', 'max_tokens'].includes(message.stop_reason));
  assert.ok(message.usage.input_tokens > 0);
});

test('messages.stream accumulates text and final usage', async () => {
  const stream = client.messages.stream({
    model: 'chatml',
    max_tokens: 6,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Count to ten.' }] }],
  });
  let text = '';
  stream.on('text', (delta) => { text += delta; });
  const final = await stream.finalMessage();
  assert.ok(text.length > 0);
  assert.equal(final.content[0].text, text);
  assert.ok(final.usage.input_tokens > 0);
  assert.ok(final.usage.output_tokens > 0);
});

test('messages.countTokens counts the prompt', async () => {
  const count = await client.messages.countTokens({
    model: 'chatml',
    messages: [{ role: 'user', content: 'Say hello.' }],
  });
  assert.ok(count.input_tokens > 3);
});

test('errors surface as the SDK error classes', async () => {
  await assert.rejects(
    client.messages.create({ model: 'no-such-model', max_tokens: 4, messages: [{ role: 'user', content: 'hi' }] }),
    (e) => e instanceof Anthropic.NotFoundError && e.error?.error?.type === 'not_found_error',
  );
  await assert.rejects(
    client.messages.create({ model: 'chatml', max_tokens: 4, messages: [{ role: 'user', content: 'hi' }], bogus: true }),
    (e) => e instanceof Anthropic.BadRequestError && /bogus/.test(e.message),
  );
});

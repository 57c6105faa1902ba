/**
 * Messages between the page and the background are validated on the receiving end, so a
 * compromised or buggy sender cannot make either end act on something it did not mean. The
 * background checks content messages and store requests; the content script checks the
 * background's replies and the popup's tab messages. Each is tried with well-formed messages and
 * with broken ones: fields missing or of the wrong type, unknown types, types meant for the other
 * direction, quotes over the limit and keys that try to reach an object's prototype.
 *
 * Then the background's store service over fake-indexeddb, and the whole round trip through the
 * (fake) extension messaging: `askStore` to `serveContentScripts` to `serveStoreRequests`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { askStore, findInBackground, serveContentScripts } from '../../lib/extension.ts';
import { packJudgements, unpackJudgements } from '../../lib/found-judgements.ts';
import { findJudgements } from '../../lib/matcher.ts';
import { Refused } from '../../lib/retry.ts';
import {
  ContentMessageSchema,
  MAX_PASSAGE_CHARS,
  PageAnnotationsSchema,
  StoreReplySchema,
  StoreRequestSchema,
  TabMessageSchema,
  type StoreRequest,
} from '../../lib/schema.ts';
import { serveStoreRequests } from '../../lib/store-service.ts';
import { openStore } from '../../lib/store.ts';
import { annotation, fixedClock, freshFactory, NEWS_URL, REPORT_URL } from './store-support.ts';

const status = { counts: { strength: 1, concern: 0, mixed: 2 }, visible: true, state: 'done' };

/** A quote of `length` characters, otherwise as the sample annotation has it. */
const withQuoteOf = (length: number) => annotation({ quote: { ...annotation().quote, exact: 'x'.repeat(length) } });

/** What a message looks like once it has crossed a context: plain JSON, own keys only. */
const crossed = (json: string): unknown => JSON.parse(json);

describe('store requests, as the background receives them', () => {
  const wellFormed: StoreRequest[] = [
    { type: 'annotations/for-page', url: REPORT_URL },
    { type: 'annotations/save', annotation: annotation() },
    { type: 'annotations/delete', id: 'a1' },
    { type: 'annotations/restore', annotation: annotation() },
    {
      type: 'themes/save',
      theme: { id: 'informal', label: 'Informal supervision', color: '#377eb8', keywords: [], createdAt: '2026-05-01T09:00:00.000Z', updatedAt: '2026-05-01T09:00:00.000Z' },
    },
  ];

  it('accepts every well-formed request, as a store request and as a content message', () => {
    for (const request of wellFormed) {
      expect(StoreRequestSchema.parse(request)).toEqual(request);
      expect(ContentMessageSchema.parse(request)).toEqual(request);
    }
  });

  it.each([
    ['no type', { url: REPORT_URL }],
    ['an unknown type', { type: 'annotations/delete-all' }],
    ['a type in the wrong case', { type: 'Annotations/Save', annotation: annotation() }],
    ['a tab message type', { type: 'judgements/activate' }],
    ['no url', { type: 'annotations/for-page' }],
    ['an empty url', { type: 'annotations/for-page', url: '' }],
    ['a url that is not a string', { type: 'annotations/for-page', url: 42 }],
    ['no annotation', { type: 'annotations/save' }],
    ['an annotation that is a string', { type: 'annotations/save', annotation: JSON.stringify(annotation()) }],
    ['an annotation without themes', { type: 'annotations/save', annotation: annotation({ themeIds: [] }) }],
    ['an annotation without a quote', { type: 'annotations/restore', annotation: { ...annotation(), quote: undefined } }],
    ['an empty quote', { type: 'annotations/save', annotation: withQuoteOf(0) }],
    ['a quote over the limit', { type: 'annotations/save', annotation: withQuoteOf(MAX_PASSAGE_CHARS + 1) }],
    ['a prefix over 256 characters', { type: 'annotations/save', annotation: annotation({ quote: { ...annotation().quote, prefix: 'p'.repeat(257) } }) }],
    ['a position that ends before it starts', { type: 'annotations/save', annotation: annotation({ position: { start: 10, end: 5 } }) }],
    ['a time that is not ISO UTC', { type: 'annotations/save', annotation: annotation({ createdAt: '1 May 2026' }) }],
    ['an id with a slash', { type: 'annotations/delete', id: '../a1' }],
    ['an id that is a number', { type: 'annotations/delete', id: 1 }],
    ['a theme colour that is not #rrggbb', { type: 'themes/save', theme: { ...wellFormed[4]!, color: 'red' } }],
    ['null', null],
    ['a string', 'annotations/save'],
    ['an array', [{ type: 'annotations/delete', id: 'a1' }]],
  ])('rejects a request with %s', (_, request) => {
    expect(StoreRequestSchema.safeParse(request).success).toBe(false);
    expect(ContentMessageSchema.safeParse(request).success).toBe(false);
  });

  it('accepts a quote of exactly the limit', () => {
    expect(StoreRequestSchema.safeParse({ type: 'annotations/save', annotation: withQuoteOf(MAX_PASSAGE_CHARS) }).success).toBe(true);
  });

  it('does not take a type or fields from a __proto__ key', () => {
    const smuggled = crossed('{"__proto__": {"type": "annotations/delete", "id": "a1"}}');
    expect(StoreRequestSchema.safeParse(smuggled).success).toBe(false);
    const inAnnotation = crossed(
      JSON.stringify({ type: 'annotations/save', annotation: { ...annotation(), id: undefined } }).replace('"annotation":{', '"annotation":{"__proto__":{"id":"a1"},'),
    );
    expect(StoreRequestSchema.safeParse(inAnnotation).success).toBe(false);
  });

  it('drops extra keys, __proto__ among them, so nothing reaches a prototype', () => {
    const request = crossed(
      JSON.stringify({ type: 'annotations/save', annotation: annotation() }).replace('"annotation":{', '"annotation":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},'),
    );
    const parsed = StoreRequestSchema.parse(request);
    if (parsed.type !== 'annotations/save') throw new Error(`parsed as ${parsed.type}`);
    expect(parsed.annotation).toEqual(annotation());
    expect(Object.getPrototypeOf(parsed.annotation)).toBe(Object.prototype);
    expect(Object.keys(parsed.annotation)).not.toContain('__proto__');
    expect(Object.hasOwn(parsed.annotation, 'constructor')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('content messages other than store requests', () => {
  it('accept a judgement status, and reject a broken one', () => {
    expect(ContentMessageSchema.parse({ type: 'judgements/status', status })).toEqual({ type: 'judgements/status', status });
    expect(ContentMessageSchema.safeParse({ type: 'judgements/status' }).success).toBe(false);
    expect(ContentMessageSchema.safeParse({ type: 'judgements/status', status: { ...status, state: 'exploded' } }).success).toBe(false);
    expect(ContentMessageSchema.safeParse({ type: 'judgements/status', status: { ...status, counts: { strength: -1, concern: 0, mixed: 0 } } }).success).toBe(false);
  });

  it('are not store requests', () => {
    expect(StoreRequestSchema.safeParse({ type: 'judgements/status', status }).success).toBe(false);
  });
});

describe('store replies, as the content script receives them', () => {
  it.each([
    ['a value', { ok: true, value: { saved: true } }],
    ['null', { ok: true, value: null }],
    ['a refusal', { ok: false, error: 'quote.exact: too long' }],
  ])('accepts %s', (_, reply) => {
    expect(StoreReplySchema.parse(reply)).toEqual(reply);
  });

  it.each([
    ['nothing (no listener answered)', undefined],
    ['null', null],
    ['no ok', { value: 1 }],
    ['ok as a string', { ok: 'true', value: 1 }],
    ['a refusal without its reason', { ok: false }],
    ['a reason that is not a string', { ok: false, error: { message: 'no' } }],
    ['a status answer', status],
    ['a __proto__ carrying ok', crossed('{"__proto__": {"ok": true}, "value": 1}')],
  ])('rejects %s', (_, reply) => {
    expect(StoreReplySchema.safeParse(reply).success).toBe(false);
  });
});

describe('tab messages, as the content script receives them', () => {
  it('accepts each well-formed message', () => {
    for (const message of [
      { type: 'judgements/activate' },
      { type: 'judgements/get-status' },
      { type: 'judgements/set-visible', visible: false },
      { type: 'annotations/open-toolbar' },
      { type: 'annotations/changed', url: 'https://reports.ofsted.gov.uk/provider/44/80487' },
      { type: 'annotations/changed' },
    ]) {
      expect(TabMessageSchema.parse(message)).toEqual(message);
    }
  });

  it.each([
    ['no visibility', { type: 'judgements/set-visible' }],
    ['visibility as a string', { type: 'judgements/set-visible', visible: 'false' }],
    ['an unknown type', { type: 'judgements/clear' }],
    ['a store request', { type: 'annotations/delete', id: 'a1' }],
    ['a changed page named by a number', { type: 'annotations/changed', url: 42 }],
    ['a content message', { type: 'judgements/status', status }],
    ['no type', {}],
    ['a __proto__ carrying the type', crossed('{"__proto__": {"type": "judgements/activate"}}')],
  ])('rejects %s', (_, message) => {
    expect(TabMessageSchema.safeParse(message).success).toBe(false);
  });
});

describe('serveStoreRequests', () => {
  const serve = (factory = freshFactory()) => {
    const clock = fixedClock('2026-05-01T10:00:00.000Z');
    return serveStoreRequests(() => openStore(factory, { now: clock.now }));
  };
  const forPage = async (handle: ReturnType<typeof serve>, url: string) =>
    PageAnnotationsSchema.parse(await handle({ type: 'annotations/for-page', url }));

  it('saves, lists by page, deletes and restores an annotation', async () => {
    const handle = serve();
    const saved = await handle({ type: 'annotations/save', annotation: annotation() });
    expect(saved).toEqual(annotation());
    await handle({ type: 'annotations/save', annotation: annotation({ id: 'elsewhere', url: NEWS_URL }) });

    const page = await forPage(handle, `${REPORT_URL}#top`);
    expect(page.annotations).toEqual([annotation()]);
    expect(page.themes.map((t) => t.id)).toContain('oversight');
    expect(page.themes.find((t) => t.id === 'oversight')?.lastUsedAt).toBe('2026-05-01T10:00:00.000Z');

    expect(await handle({ type: 'annotations/delete', id: 'a1' })).toEqual(annotation());
    expect((await forPage(handle, REPORT_URL)).annotations).toEqual([]);
    expect(await handle({ type: 'annotations/delete', id: 'a1' })).toBeNull();

    expect(await handle({ type: 'annotations/restore', annotation: annotation() })).toEqual(annotation());
    expect((await forPage(handle, REPORT_URL)).annotations).toEqual([annotation()]);
  });

  it('keeps one annotation when the same one is saved twice, as a retried save is', async () => {
    const handle = serve();
    await handle({ type: 'annotations/save', annotation: annotation() });
    await handle({ type: 'annotations/save', annotation: annotation() });
    const edited = annotation({ themeIds: ['oversight', 'qa'], updatedAt: '2026-05-01T09:30:00.000Z' });
    await handle({ type: 'annotations/save', annotation: edited });
    await handle({ type: 'annotations/save', annotation: edited });
    expect((await forPage(handle, REPORT_URL)).annotations).toEqual([edited]);
  });

  it('keeps no connection between requests, so each one sees what the last committed', async () => {
    const factory = freshFactory();
    await serve(factory)({ type: 'annotations/save', annotation: annotation() });
    // A restarted worker: a new service over the same database.
    expect((await forPage(serve(factory), REPORT_URL)).annotations).toEqual([annotation()]);
  });
});

describe('messages through the background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    const factory = freshFactory();
    serveContentScripts(serveStoreRequests(() => openStore(factory)), findJudgements);
  });

  it('finds the judgements in a text a page sends, and answers them packed', async () => {
    const text = 'Leaders are not always effective. Practice is good.\u2029Overall effectiveness\u2029Requires improvement to be good';
    // Answered synchronously: see the refusal below for why the answer is caught this way.
    const answers: unknown[] = [];
    await fakeBrowser.runtime.onMessage.trigger({ type: 'judgements/find', text }, {}, (answer: unknown) => answers.push(answer));
    expect(answers).toHaveLength(1);
    const found = unpackJudgements(answers[0], text.length).map(({ start, end, tone }) => [text.slice(start, end), tone]);
    expect(found).toEqual([
      ['not always effective', 'concern'],
      ['Requires improvement to be good', 'mixed'],
    ]);
  });

  it('answers a well-formed request with the committed value', async () => {
    expect(await askStore({ type: 'annotations/save', annotation: annotation() })).toEqual(annotation());
    const page = PageAnnotationsSchema.parse(await askStore({ type: 'annotations/for-page', url: REPORT_URL }));
    expect(page.annotations).toEqual([annotation()]);
  });

  it('refuses a malformed store request at once, saying why, and stores nothing', async () => {
    const oversized = { type: 'annotations/save', annotation: withQuoteOf(MAX_PASSAGE_CHARS + 1) };
    // The refusal is answered synchronously, which browsers deliver whatever the listener
    // returns; the fake delivers only answers promised by returning true, so it is caught here.
    const answers: unknown[] = [];
    await fakeBrowser.runtime.onMessage.trigger(oversized, {}, (answer: unknown) => answers.push(answer));
    expect(answers).toEqual([{ ok: false, error: expect.stringMatching(/^Malformed annotations\/save message: /) }]);
    const page = PageAnnotationsSchema.parse(await askStore({ type: 'annotations/for-page', url: REPORT_URL }));
    expect(page.annotations).toEqual([]);
  });

  it('does not answer messages that are not its own, so another listener may', async () => {
    for (const message of [
      { type: 'judgements/activate' },
      { type: 'other-extension/hello' },
      null,
      'annotations/save',
      crossed('{"__proto__": {"type": "annotations/delete", "id": "a1"}}'),
    ]) {
      const answers: unknown[] = [];
      const kept = await fakeBrowser.runtime.onMessage.trigger(message, {}, (answer: unknown) => answers.push(answer));
      expect(answers).toEqual([]);
      expect(kept).toEqual([false]);
    }
  });
});

describe('askStore', () => {
  beforeEach(() => fakeBrowser.reset());

  /** Answers each message with the next of `replies`, as a background would asynchronously. */
  const answering = (replies: unknown[]) => {
    let asked = 0;
    fakeBrowser.runtime.onMessage.addListener((_message, _sender, respond: (reply: unknown) => void) => {
      respond(replies[asked++]);
      return true;
    });
    return () => asked;
  };

  it('does not take a malformed reply for an answer, and asks again', async () => {
    const asked = answering([{ ok: 'yes' }, { value: annotation() }, { ok: true, value: annotation() }]);
    expect(await askStore({ type: 'annotations/save', annotation: annotation() })).toEqual(annotation());
    expect(asked()).toBe(3);
  });

  it('takes a refusal as final: what can never succeed is not sent again', async () => {
    const asked = answering([{ ok: false, error: 'Malformed annotations/save message: Invalid input' }, { ok: true, value: annotation() }]);
    await expect(askStore({ type: 'annotations/save', annotation: annotation() })).rejects.toBeInstanceOf(Refused);
    expect(asked()).toBe(1);
  });
});

describe('findInBackground', () => {
  beforeEach(() => fakeBrowser.reset());

  it('does not paint a malformed answer, and asks again', async () => {
    const text = 'Practice is not always effective.';
    const good = packJudgements(findJudgements(text));
    const replies: unknown[] = [[12, 32], [12, 32, 3], [12, 99, 1], undefined, good];
    let asked = 0;
    fakeBrowser.runtime.onMessage.addListener((message, _sender, respond: (reply: unknown) => void) => {
      expect(message).toEqual({ type: 'judgements/find', text });
      respond(replies[asked++]);
      return true;
    });
    expect(await findInBackground(text)).toEqual([{ start: 12, end: 32, tone: 'concern' }]);
    expect(asked).toBe(5);
  });
});


/**
 * Mutated exports thrown at the whole import path. Whatever the file, either it is accepted and
 * the store stays valid, or it is refused with a message and the store is exactly as it was; and
 * no file, however hostile, reaches Object.prototype.
 */
import { expect, it } from 'vitest';
import * as z from 'zod/mini';
import { applyImport, parseExport, planImport, readCurrent } from '../../lib/import.ts';
import { AnnotationExportSchema, AnnotationSchema, EXPORT_FORMAT, PageRecordSchema, SettingSchema, ThemeSchema } from '../../lib/schema.ts';
import { openStore } from '../../lib/store.ts';
import { dump, sampleExport } from './import-support.ts';
import { fixedClock, freshFactory } from './store-support.ts';

const CASES = 1200;

/** mulberry32: small, seeded and deterministic, so a failing case can be replayed by its number. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

function paths(value: Json, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [path];
  const children = Array.isArray(value) ? value.map((child, index) => paths(child, [...path, index])) : Object.entries(value).map(([key, child]) => paths(child, [...path, key]));
  return [path, ...children.flat()];
}

function parentOf(root: Json, path: Path): { parent: Json[] | Record<string, Json>; key: string | number } | undefined {
  let parent = root;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as Json;
  const key = path.at(-1);
  return key === undefined || typeof parent !== 'object' || parent === null ? undefined : { parent, key };
}

const HOSTILE = ['__proto__', 'constructor', 'prototype'];
const MARKUP = ['<script>alert(1)</script>', '<img src=x onerror="alert(1)">', '"></textarea><svg onload=alert(1)>'];
const WRONG: Json[] = [0, -1, 1.5, null, true, '', 'x', [], {}, ['a'], { id: 'a1' }];

function mutate(next: () => number): { text: string; kind: string } {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const data = JSON.parse(JSON.stringify(sampleExport())) as Record<string, Json> & { annotations: Record<string, Json>[]; themes: Record<string, Json>[] };
  const target = () => pick(paths(data).filter((path) => path.length > 0));
  const kind = pick(['delete', 'wrong type', 'truncate', 'duplicate', 'huge string', 'hostile key', 'markup', 'flip bytes', 'new ids', 'newer']);
  switch (kind) {
    case 'delete': {
      const at = parentOf(data, target());
      if (at === undefined) break;
      if (Array.isArray(at.parent)) at.parent.splice(Number(at.key), 1);
      else delete at.parent[at.key];
      break;
    }
    case 'wrong type': {
      const at = parentOf(data, target());
      if (at !== undefined) (at.parent as Record<string | number, Json>)[at.key] = pick(WRONG);
      break;
    }
    case 'duplicate': {
      const list = pick([data.annotations, data.themes]);
      list.push({ ...pick(list), note: 'copy' });
      break;
    }
    case 'huge string': {
      const strings = paths(data).filter((path) => typeof path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k] as Json, data) === 'string');
      const at = parentOf(data, pick(strings));
      if (at !== undefined) (at.parent as Record<string | number, Json>)[at.key] = 'x'.repeat(pick([257, 5001, 20_001, 100_000]));
      break;
    }
    case 'hostile key': {
      const objects = paths(data).filter((path) => { const v = path.reduce<Json>((o, k) => (o as Record<string | number, Json>)[k] as Json, data); return typeof v === 'object' && v !== null && !Array.isArray(v); });
      const object = objects.length === 0 ? data : pick(objects).reduce<Json>((o, k) => (o as Record<string | number, Json>)[k] as Json, data);
      // defineProperty makes an own key, as JSON.parse would; plain assignment would set the prototype.
      Object.defineProperty(object, pick(HOSTILE), { value: { polluted: true, toString: 'polluted' }, enumerable: true, configurable: true, writable: true });
      break;
    }
    case 'markup': {
      const annotation = pick(data.annotations);
      annotation['note'] = pick(MARKUP);
      pick(data.themes)['label'] = pick(MARKUP);
      annotation['updatedAt'] = '2027-01-01T00:00:00.000Z';
      break;
    }
    case 'new ids':
      for (const annotation of data.annotations) annotation['id'] = `fz${Math.floor(next() * 1e9)}`;
      break;
    case 'newer':
      pick(data.annotations)['updatedAt'] = `2026-0${1 + Math.floor(next() * 9)}-15T00:00:00.${Math.floor(next() * 1000)}Z`;
      break;
  }
  let text = JSON.stringify(data, null, pick([0, 2]));
  if (kind === 'truncate') text = text.slice(0, Math.floor(next() * text.length));
  if (kind === 'flip bytes') {
    const chars = [...text];
    for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips -= 1) {
      const index = Math.floor(next() * chars.length);
      chars[index] = String.fromCharCode((chars[index]?.charCodeAt(0) ?? 0) ^ (1 << Math.floor(next() * 7)));
    }
    text = chars.join('');
  }
  return { text, kind };
}

it(`keeps the store valid or untouched for ${CASES} mutated files`, async () => {
  const open = async () => {
    const factory = freshFactory();
    return { factory, store: await openStore(factory, { now: fixedClock('2026-06-01T00:00:00.000Z').now }) };
  };
  let { factory, store } = await open();
  const next = random(20261122);
  const outcomes = { accepted: 0, refused: 0 };
  for (let index = 0; index < CASES; index += 1) {
    // A fresh store now and then: accepted files pile up records, and every dump reads them all.
    if (index % 50 === 49) {
      store.close();
      ({ factory, store } = await open());
    }
    const { text, kind } = mutate(next);
    const before = await dump(factory);
    const parsed = parseExport(text);
    const planned = parsed.ok ? planImport(parsed.data, await readCurrent(store)) : parsed;
    const applied = planned.ok ? await applyImport(store, planned.plan) : planned;
    const after = await dump(factory);
    const context = `case ${index} (${kind})`;
    if (applied.ok) {
      outcomes.accepted += 1;
      const schemas = { annotations: AnnotationSchema, themes: ThemeSchema, pages: PageRecordSchema, settings: SettingSchema } as const;
      for (const [name, schema] of Object.entries(schemas)) {
        for (const record of after[name] ?? []) expect(z.safeParse(schema, record).success, `${context}: ${name}`).toBe(true);
      }
      const current = await readCurrent(store);
      const reexport = { format: EXPORT_FORMAT, version: 1, exportedAt: '2026-06-02T00:00:00.000Z', themes: current.themes, annotations: current.annotations };
      expect(z.safeParse(AnnotationExportSchema, reexport).success, context).toBe(true);
      expect(parseExport(JSON.stringify(reexport)).ok, context).toBe(true);
    } else {
      outcomes.refused += 1;
      expect(applied.message.trim(), context).not.toBe('');
      expect(after, context).toEqual(before);
    }
  }
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(Object.getOwnPropertyNames(Object.getPrototypeOf({})));
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  // Both outcomes must be common, or the run proves less than it claims.
  expect(outcomes.accepted).toBeGreaterThan(CASES / 10);
  expect(outcomes.refused).toBeGreaterThan(CASES / 3);
}, 20_000);

/**
 * The one module that touches extension APIs. Everything else in lib/ is plain logic; the
 * entrypoints wire the two together. Every message that crosses a context is validated here,
 * on the receiving end, against the schemas in schema.ts.
 */
import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { errorText } from './error-text.ts';
import { packJudgements, unpackJudgements } from './found-judgements.ts';
import { Refused, untilAnswered } from './retry.ts';
import { normalisePageUrl } from './page-identity.ts';
import {
  AnnotationSchema,
  ContentMessageSchema,
  HighlighterStatusSchema,
  JudgementListSchema,
  PageStateSchema,
  StoreReplySchema,
  TabMessageSchema,
  type ContentMessage,
  type FoundJudgements,
  type HighlighterStatus,
  type Judgement,
  type JudgementList,
  type PageState,
  type StoreReply,
  type StoreRequest,
  type TabMessage,
} from './schema.ts';
import { announceStoreChange } from './store-changes.ts';
import { badgeText, combineStatuses } from './tab-status.ts';

/** The built content script and its stylesheet, for injection on demand. */
const HIGHLIGHTER_SCRIPT = '/content-scripts/judgements.js';
/** The page UI, injected into a frame the first time it is needed (see lazy-ui.ts). */
const PAGE_UI_SCRIPT = '/content-scripts/lens-ui.js';
const HIGHLIGHTER_STYLE = '/content-scripts/judgements.css';

const statusKey = (tabId: number, frameId: number) => `status:${tabId}:${frameId}`;
const tabPrefix = (tabId: number) => `status:${tabId}:`;

// Content script side.

export function reportStatus(status: HighlighterStatus): void {
  browser.runtime.sendMessage({ type: 'judgements/status', status }).catch(() => {
    // The background is waking up or the extension was reloaded; the next report will land.
  });
}

/**
 * Asks the background's store, retrying until the answer comes (see retry.ts). Resolves with
 * the value only after the store has committed it; rejects with `Refused` when the store said no.
 */
export function askStore(request: StoreRequest): Promise<unknown> {
  return untilAnswered(async () => {
    const reply = StoreReplySchema.safeParse(await browser.runtime.sendMessage(request));
    if (!reply.success) throw new Error('The background did not answer.');
    if (!reply.data.ok) throw new Refused(reply.data.error);
    return reply.data.value;
  });
}

/**
 * Asks the background to find the judgements in a text (see page-highlighter.ts for why the
 * matching happens there), retrying while the background wakes up.
 */
export function findInBackground(text: string): Promise<Judgement[]> {
  return untilAnswered(async () =>
    unpackJudgements(await browser.runtime.sendMessage({ type: 'judgements/find', text }), text.length),
  );
}

/** Sends a message to the background; resolves once it answers that it is done, or throws why not. */
async function tellBackground(message: ContentMessage): Promise<void> {
  const reply = StoreReplySchema.parse(await browser.runtime.sendMessage(message));
  if (!reply.ok) throw new Error(reply.error);
}

/** Asks the background to inject the page UI into this frame; resolves once it is there. */
export function loadPageUi(): Promise<void> {
  return tellBackground({ type: 'ui/load' });
}

/** Answers tab messages; an answer that is a promise is sent once it settles. */
export function onTabMessage(handle: (message: TabMessage) => unknown): void {
  browser.runtime.onMessage.addListener((raw: unknown, _sender, respond: (r: unknown) => void) => {
    const parsed = TabMessageSchema.safeParse(raw);
    if (!parsed.success) return false;
    const answer = handle(parsed.data);
    if (answer === undefined) return false;
    if (!(answer instanceof Promise)) {
      respond(answer);
      return false;
    }
    answer.then(respond, () => respond(undefined));
    return true;
  });
}

// Background side.

async function tabStatus(tabId: number): Promise<HighlighterStatus | undefined> {
  const all = await browser.storage.session.get(null);
  const frames = Object.entries(all)
    .filter(([key]) => key.startsWith(tabPrefix(tabId)))
    .map(([, value]) => HighlighterStatusSchema.safeParse(value))
    .flatMap((r) => (r.success ? [r.data] : []));
  return combineStatuses(frames);
}

async function showBadge(tabId: number): Promise<void> {
  const status = await tabStatus(tabId);
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#1d3557' });
  await browser.action.setBadgeText({ tabId, text: badgeText(status) });
}

/**
 * Answers content scripts: finds the judgements in the text they send with `find`, keeps each
 * frame's judgement status in session storage (the service worker may stop at any time, so it
 * holds nothing in memory) and the tab's badge in step with it, and serves annotation requests
 * with `serveStore`, replying only once it has settled and then announcing each committed write
 * to the extension's pages (see store-changes.ts) and to the other tabs, which may show the same
 * page. The side panel writes to the store itself and says so with `annotations/changed`, which
 * is passed on to the tabs likewise.
 */
export function serveContentScripts(
  serveStore: (request: StoreRequest) => Promise<unknown>,
  find: (text: string) => Judgement[],
): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender, respond: (reply: StoreReply | FoundJudgements) => void) => {
    const parsed = ContentMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const type = (raw as { type?: unknown } | null)?.type;
      if (typeof type !== 'string' || !/^(annotations|themes)\//.test(type)) return false;
      respond({ ok: false, error: `Malformed ${type} message: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      return false;
    }
    const message = parsed.data;
    if (message.type === 'judgements/find') {
      respond(packJudgements(find(message.text)));
      return false;
    }
    if (message.type === 'ui/load') {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return false;
      browser.scripting
        .executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [PAGE_UI_SCRIPT] })
        .then(
          () => respond({ ok: true, value: null }),
          (error: unknown) => respond({ ok: false, error: errorText(error) }),
        );
      return true;
    }
    if (message.type === 'annotations/changed') {
      void tellPages(message.url).then(() => respond({ ok: true, value: null }));
      return true;
    }
    if (message.type === 'judgements/status') {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return false;
      const key = statusKey(tabId, sender.frameId ?? 0);
      void browser.storage.session.set({ [key]: message.status }).then(() => showBadge(tabId));
      return false;
    }
    serveStore(message).then(
      (value) => {
        respond({ ok: true, value });
        if (message.type === 'annotations/for-page') return;
        announceStoreChange();
        const page = pageChangedBy(message, value);
        if (page !== undefined) void tellPages(page, sender.tab?.id);
      },
      (error: unknown) => respond({ ok: false, error: errorText(error) }),
    );
    return true;
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading' || change.url === undefined) return;
    void forgetTab(tabId).then(() => showBadge(tabId));
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
}

/** The page whose annotations a committed store request changed, if any. */
function pageChangedBy(request: StoreRequest, value: unknown): string | undefined {
  switch (request.type) {
    case 'annotations/save':
    case 'annotations/restore':
      return request.annotation.url;
    case 'annotations/delete':
      return AnnotationSchema.safeParse(value).data?.url;
    default:
      return undefined;
  }
}

/**
 * Tells every tab but `except` that the annotations of the page at `url` (any page, when
 * undefined) changed; settles once each has re-read them or has no content script to. Tabs are
 * asked by id, as the extension may not read their URLs; each frame compares its own page.
 */
async function tellPages(url: string | undefined, except?: number): Promise<void> {
  const message: TabMessage = { type: 'annotations/changed', ...(url === undefined ? {} : { url: normalisePageUrl(url) }) };
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async ({ id }) => {
      if (id === undefined || id === except) return;
      try {
        await browser.tabs.sendMessage(id, message);
      } catch {
        // No content script in that tab, or its page is going away: nothing there to repaint.
      }
    }),
  );
}

/** The reader's tagging shortcut opens the toolbar for the selection in their tab. */
export function forwardTaggingShortcut(): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'tag-selection' || tab?.id === undefined) return;
    const message: TabMessage = { type: 'annotations/open-toolbar' };
    browser.tabs.sendMessage(tab.id, message).catch(() => {
      // No content script in that tab: the extension does not run there yet.
    });
  });
}

async function forgetTab(tabId: number): Promise<void> {
  const all = await browser.storage.session.get(null);
  const keys = Object.keys(all).filter((key) => key.startsWith(tabPrefix(tabId)));
  if (keys.length > 0) await browser.storage.session.remove(keys);
}

// Popup side.

/** The tab named by `?tab=<id>` in an extension page's query, when it is opened as a page. */
function tabFromQuery(search: string): number | undefined {
  const id = Number(new URLSearchParams(search).get('tab'));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** The tab the popup acts on: `?tab=<id>` when opened as a page, else the active tab. */
export async function targetTabId(search: string): Promise<number | undefined> {
  const fromQuery = tabFromQuery(search);
  if (fromQuery !== undefined) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function sendToTab(tabId: number, message: TabMessage): Promise<HighlighterStatus | undefined> {
  const answer: unknown = await browser.tabs.sendMessage(tabId, message);
  const parsed = HighlighterStatusSchema.safeParse(answer);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Highlights the tab now: asks its highlighter to start, injecting it first where it is not
 * running (any site, on the reader's request). Throws where the browser forbids scripts.
 */
export async function activateTab(tabId: number): Promise<void> {
  try {
    if (await sendToTab(tabId, { type: 'judgements/activate' })) return;
  } catch {
    // No highlighter in the tab yet.
  }
  await browser.scripting.insertCSS({ target: { tabId, allFrames: true }, files: [HIGHLIGHTER_STYLE] });
  await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [HIGHLIGHTER_SCRIPT] });
  await sendToTab(tabId, { type: 'judgements/activate' });
}

export async function setTabHighlightsVisible(tabId: number, visible: boolean): Promise<void> {
  await sendToTab(tabId, { type: 'judgements/set-visible', visible });
}

/** Calls `show` with the tab's status now and whenever a frame reports a new one. */
export function watchTabStatus(tabId: number, show: (status: HighlighterStatus | undefined) => void): () => void {
  const refresh = () => void tabStatus(tabId).then(show);
  const onChange = (changes: Record<string, unknown>, area: string) => {
    if (area === 'session' && Object.keys(changes).some((key) => key.startsWith(tabPrefix(tabId)))) refresh();
  };
  browser.storage.onChanged.addListener(onChange);
  refresh();
  return () => browser.storage.onChanged.removeListener(onChange);
}

// Side panel side.

/**
 * Asks the tab's top frame (the page the reader reads; frames answer for themselves) and
 * validates the answer; throws when the tab has no content script or answered nonsense.
 */
async function askTopFrame<T>(tabId: number, message: TabMessage, schema: z.ZodMiniType<T>): Promise<T> {
  return schema.parse(await browser.tabs.sendMessage(tabId, message, { frameId: 0 }));
}

export function listJudgements(tabId: number): Promise<JudgementList> {
  return askTopFrame(tabId, { type: 'judgements/list' }, JudgementListSchema);
}

/** Scrolls the tab to the phrase at `index` of the last listing and flashes it. */
export async function revealJudgement(tabId: number, index: number): Promise<boolean> {
  return askTopFrame(tabId, { type: 'judgements/reveal', index }, z.boolean());
}

export function pageState(tabId: number): Promise<PageState> {
  return askTopFrame(tabId, { type: 'annotations/page-state' }, PageStateSchema);
}

/**
 * Calls `show` with the tab the side panel describes, and again (with the same tab or another)
 * whenever the reader switches tabs in its window, the tab finishes loading a page, or its
 * highlighter reports a new status; returns a function that stops following. That tab is the
 * active one in the panel's window. The panel opened as a tab (`?tab=<id>`, as tests open it)
 * starts from that tab, follows that tab's window, and never describes itself.
 */
export function followActiveTab(search: string, show: (tabId: number | undefined) => void): () => void {
  let followed: { windowId: number; self: number | undefined } | undefined;
  let current: number | undefined;
  const describe = (tabId: number | undefined) => {
    current = tabId;
    show(tabId);
  };
  const onActivated = ({ tabId, windowId }: { tabId: number; windowId: number }) => {
    if (windowId === followed?.windowId && tabId !== followed.self) describe(tabId);
  };
  const onUpdated = (tabId: number, change: { status?: string }) => {
    if (tabId === current && change.status === 'complete') describe(tabId);
  };
  const onStatus = (changes: Record<string, unknown>, area: string) => {
    if (current === undefined || area !== 'session') return;
    if (Object.keys(changes).some((key) => key.startsWith(tabPrefix(current!)))) describe(current);
  };
  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.storage.onChanged.addListener(onStatus);
  void (async () => {
    const self = (await browser.tabs.getCurrent())?.id;
    const fromQuery = tabFromQuery(search);
    const [start] =
      fromQuery !== undefined
        ? await browser.tabs.get(fromQuery).then((tab) => [tab], () => [])
        : await browser.tabs.query({ active: true, currentWindow: true });
    const windowId = start?.windowId ?? (await browser.windows.getCurrent()).id;
    if (windowId !== undefined) followed = { windowId, self };
    describe(start?.id === self ? undefined : start?.id);
  })();
  return () => {
    browser.tabs.onActivated.removeListener(onActivated);
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.storage.onChanged.removeListener(onStatus);
  };
}

/**
 * Tells the tabs showing `url` (every tab, when undefined) that the side panel changed their
 * annotations in the store. The message wakes the background if it has stopped, and it passes
 * it on; settles once the tabs have re-read.
 */
export function pagesChanged(url: string | undefined): Promise<void> {
  return tellBackground({ type: 'annotations/changed', ...(url === undefined ? {} : { url }) });
}

/** Opens an annotated page beside the panel, leaving the reader's current tab where it was. */
export async function openInNewTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}

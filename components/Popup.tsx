/**
 * The toolbar popup: this page's judgement counts per tone and a switch that hides or shows the
 * highlights. Opening it is the reader's request to highlight the page, so it activates the
 * highlighter on any site (the browser grants `activeTab` for exactly this).
 */
import { useEffect, useState } from 'preact/hooks';
import type { HighlighterStatus, Tone } from '../lib/schema.ts';
import { totalOf } from '../lib/tab-status.ts';
import './popup.css';

export interface PopupProps {
  tabId: Promise<number | undefined>;
  activate: (tabId: number) => Promise<void>;
  setVisible: (tabId: number, visible: boolean) => Promise<void>;
  watch: (tabId: number, show: (status: HighlighterStatus | undefined) => void) => () => void;
}

const TONE_LABELS: Record<Tone, string> = {
  strength: 'Strengths',
  concern: 'Concerns',
  mixed: 'Mixed findings',
};

export function Popup({ tabId, activate, setVisible, watch }: PopupProps) {
  const [tab, setTab] = useState<number>();
  const [status, setStatus] = useState<HighlighterStatus>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let unwatch: (() => void) | undefined;
    tabId.then((id) => {
      if (id === undefined) return setError('There is no page to highlight here.');
      setTab(id);
      unwatch = watch(id, setStatus);
      activate(id).catch(() => setError('Inspection Lens cannot read this page (the browser does not allow extensions here).'));
    });
    return () => unwatch?.();
  }, []);

  const toggle = (visible: boolean) => {
    if (tab === undefined) return;
    setVisible(tab, visible).catch(() => setError('The page did not answer; reload it and try again.'));
  };

  return (
    <main class="popup" aria-labelledby="popup-title">
      <h1 id="popup-title">Inspection Lens</h1>
      {error ? (
        <p role="alert">{error}</p>
      ) : !status ? (
        <p role="status">Reading this page…</p>
      ) : (
        <>
          <p role="status">
            {status.state === 'scanning' ? 'Reading this page… ' : ''}
            {totalOf(status)} judgement phrases on this page.
          </p>
          <ul class="counts" aria-label="Judgements by tone">
            {(Object.keys(TONE_LABELS) as Tone[]).map((tone) => (
              <li class={`count count-${tone}`} key={tone}>
                <span class="swatch" aria-hidden="true" />
                <span class="label">{TONE_LABELS[tone]}</span>
                <span class="value" data-tone={tone}>
                  {status.counts[tone]}
                </span>
              </li>
            ))}
          </ul>
          <label class="switch">
            <input
              type="checkbox"
              role="switch"
              checked={status.visible}
              onChange={(e) => toggle(e.currentTarget.checked)}
            />
            Show highlights
          </label>
          {status.state === 'stopped' && status.reason ? <p role="alert">{status.reason}</p> : null}
        </>
      )}
    </main>
  );
}

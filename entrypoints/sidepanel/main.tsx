import * as z from 'zod/mini';
import { render } from 'preact';
import { SidePanel } from '../../components/SidePanel.tsx';
import { downloadFile } from '../../lib/download.ts';
import { listJudgements, openInNewTab, pageState, revealJudgement, targetTabId } from '../../lib/extension.ts';
import { openStore } from '../../lib/store.ts';

z.config({ jitless: true });
render(
  <SidePanel
    openStore={() => openStore(indexedDB, { onCorrupt: (problem) => console.warn('Inspection Lens skipped a corrupt record', problem) })}
    openPage={openInNewTab}
    download={(file) => downloadFile(file)}
    now={() => new Date()}
    thisPage={{ tabId: targetTabId(location.search), link: { listJudgements, revealJudgement, pageState } }}
  />,
  document.getElementById('app')!,
);

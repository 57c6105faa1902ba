import * as z from 'zod/mini';
import { render } from 'preact';
import { SidePanel } from '../../components/SidePanel.tsx';
import { downloadFile } from '../../lib/download.ts';
import { followActiveTab, listJudgements, openInNewTab, pagesChanged, pageState, revealJudgement } from '../../lib/extension.ts';
import { openLensStore } from '../../lib/store.ts';

z.config({ jitless: true });
render(
  <SidePanel
    openStore={openLensStore}
    startImportWorker={() => new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' })}
    openPage={openInNewTab}
    download={(file) => downloadFile(file)}
    now={() => new Date()}
    thisPage={{
      followTab: (show) => followActiveTab(location.search, show),
      link: { listJudgements, revealJudgement, pageState, pagesChanged },
    }}
  />,
  document.getElementById('app')!,
);

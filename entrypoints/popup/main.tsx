import * as z from 'zod/mini';
import { render } from 'preact';
import { Popup } from '../../components/Popup.tsx';
import { activateTab, setTabHighlightsVisible, targetTabId, watchTabStatus } from '../../lib/extension.ts';

z.config({ jitless: true });
render(
  <Popup
    tabId={targetTabId(location.search)}
    activate={activateTab}
    setVisible={setTabHighlightsVisible}
    watch={watchTabStatus}
  />,
  document.getElementById('app')!,
);

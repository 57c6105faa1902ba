import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * Hosts that the end-to-end build may script without a toolbar click. Tests cannot click the
 * toolbar icon, so `activeTab` is never granted there; the `e2e` mode stands in for that grant.
 * The shipped (production) manifest never contains these.
 */
const E2E_ON_DEMAND_HOSTS = ['http://unlisted.example/*'];

export default defineConfig({
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ mode, browser }) => ({
    name: 'Inspection Lens',
    description:
      "Highlights Ofsted's judgement language (strengths, concerns, mixed findings) on inspection reports, news and council minutes. Everything stays on your machine.",
    permissions: ['activeTab', 'scripting', 'storage', 'unlimitedStorage'],
    host_permissions: mode === 'e2e' ? E2E_ON_DEMAND_HOSTS : [],
    action: { default_title: 'Inspection Lens' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Highlight judgements on this page',
      },
      'tag-selection': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Tag the selected passage',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'inspection-lens@inspection-lens.example',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions only from version 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});

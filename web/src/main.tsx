/**
 * The web app's entry: read the deployment's config, build the referral form from the profile's JSON Schema
 * (compiled in at build time from the zod schema the API validates with), and render.
 */
import './styles.css';
import { render } from 'preact';
import { loadConfig } from './config.js';
import type { JsonSchema } from './form/json-schema.js';
import { buildFormModel } from './form/model.js';
import { App } from './views/App.js';

declare const __PROFILE_SCHEMA__: JsonSchema;

const root = document.getElementById('app');
const model = buildFormModel(__PROFILE_SCHEMA__);

loadConfig()
  .then((config) => {
    if (!root) return;
    root.textContent = '';
    render(<App config={config} model={model} />, root);
    performance.mark('trial-match:first-render');
  })
  .catch((error: unknown) => {
    if (root) root.textContent = `trial-match could not start: ${error instanceof Error ? error.message : String(error)}`;
  });

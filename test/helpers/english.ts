// Tests that call the core or the providers in English register the English catalogues, as the CLI does at
// start and the server does on first use (the catalogues are data of their own: core/i18n-en.ts).

import { registerCatalogue } from '../../server/src/core';
import { EN } from '../../server/src/core/i18n-en';
import { registerProviderCatalogue } from '../../server/src/providers';
import { PROVIDER_EN } from '../../server/src/providers/messages-en';

registerCatalogue('en', EN);
registerProviderCatalogue('en', PROVIDER_EN);

// The English strings of the checker and of the editor features, bundled alone as dist/locale-en.js: the
// language server requires it the first time a document is to be read in English (Chinese is the default).

export { EN as core } from './core/i18n-en';
export { PROVIDER_EN as providers } from './providers/messages-en';

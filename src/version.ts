declare const __PYENVTUI_VERSION__: string | undefined;

/** The package version, injected by the bundler (falls back for tests run from source). */
export const VERSION: string = typeof __PYENVTUI_VERSION__ === 'string' ? __PYENVTUI_VERSION__ : '0.0.0-dev';

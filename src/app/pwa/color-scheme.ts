/**
 * DSFR dark mode follows the device's setting: the DSFR stylesheets switch on
 * `data-fr-theme` on the root element, which their own script would set from
 * `data-fr-scheme="system"`; the app does it without that script.
 */
export function followSystemColorScheme(root: HTMLElement = document.documentElement): void {
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => root.setAttribute('data-fr-theme', dark.matches ? 'dark' : 'light');
  apply();
  dark.addEventListener('change', apply);
}

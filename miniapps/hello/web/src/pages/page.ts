/** One hash-routed page: its path (also what "Share" sends), its title bar text, and the host's main button. */
export interface Page {
  path: string;
  title: string;
  render(): HTMLElement;
  mainButton?: { text: string; onClick(): void };
}

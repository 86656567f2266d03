/**
 * Registers a custom element unless the tag is taken. The embed bundle may be loaded twice
 * (the same or another version): the first definition stays and nothing throws.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

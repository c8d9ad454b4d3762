/** Small typed DOM helpers: find an element of the expected kind, build one with text content. */

/**
 * The element with this `id`, checked to be of `type`.
 * @throws Error when it is missing or of another kind: the page's HTML and code disagree.
 */
export function requireElement<T extends Element>(id: string, type: abstract new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing or is not a ${type.name}`);
  return element;
}

/**
 * Creates an element with attributes and children. Children are set as text nodes, never as HTML, so
 * nothing a server sends can inject markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

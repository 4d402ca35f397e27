/** Building DOM from data without ever parsing data as HTML: text always goes in as text. */

/**
 * Creates an element. `attributes` keys are attribute names, except `text` (the text content) and `on<event>`
 * (listeners); null or false attributes are left out. Children are nodes or strings (added as text).
 */
export function el(tag, attributes = {}, ...children) {
  const element = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'text') {
      element.textContent = value;
    } else if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

/** The element of `root` marked data-field="name". */
export function field(root, name) {
  return root.querySelector(`[data-field="${name}"]`);
}

/** Says `message` in a live status region (role="status") so screen readers announce it too. */
export function announce(region, message, isError = false) {
  region.textContent = message;
  region.classList.toggle('error', isError);
}

/** The author id of a page at /authors/{id} or /authors/{id}/explorer. */
export function authorIdFromPath() {
  return decodeURIComponent(location.pathname.split('/')[2] ?? '');
}

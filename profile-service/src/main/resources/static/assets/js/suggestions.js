/**
 * Name suggestions while a name is typed: fills a <datalist> from the autocomplete API and remembers which author id
 * each suggested name stands for.
 */
import { profileApi } from './api.js';
import { el } from './dom.js';

/** Wires `input` to `datalist`; answers a function giving the author id of the text typed, when it was suggested. */
export function suggestNames(input, datalist) {
  const idsByName = new Map();
  let latest = 0;
  input.addEventListener('input', async () => {
    const query = input.value.trim();
    if (query.length < 2) {
      return;
    }
    const asked = ++latest;
    const { items } = await profileApi.autocomplete(query).catch(() => ({ items: [] }));
    if (asked !== latest) {
      return;
    }
    items.forEach((item) => idsByName.set(item.name, item.id));
    datalist.replaceChildren(...items.map((item) => el('option', { value: item.name })));
  });
  return () => idsByName.get(input.value.trim());
}

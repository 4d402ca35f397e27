/** The search page at /: find authors by name (names are suggested while typing), each result linking to their page. */
import { profileApi } from './api.js';
import { announce, el, field } from './dom.js';
import { renderHeader } from './session.js';
import { suggestNames } from './suggestions.js';

const main = document.getElementById('main');
const form = field(main, 'search-form');
suggestNames(form.q, field(main, 'suggestions'));

renderHeader();
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = field(main, 'search-status');
  announce(status, 'Searching…');
  try {
    const { items } = await profileApi.search(form.q.value.trim());
    field(main, 'results').replaceChildren(...items.map((author) => el('li', {},
      el('a', { href: `/authors/${encodeURIComponent(author.id)}`, text: author.name }),
      ` · ${author.affiliation?.name ?? 'Affiliation not imported'} · ${author.works} works`)));
    announce(status, items.length ? `${items.length} researcher(s) found.` : 'Nobody by that name.');
  } catch (error) {
    announce(status, error.message, true);
  }
});

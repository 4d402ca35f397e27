/**
 * The researcher page at /authors/{id}, in the seed page's order: identity, trust snapshot (with its explanation one
 * click away) and counters, follow, claiming, direct collaboration, the research graph slice and the published works
 * (paged). Identity and trust come from one profile call and are drawn first; the page then marks
 * "bzpeer:identity-and-trust-rendered" (performance.mark) so its time to first render can be measured. The graph
 * and the works load independently, so a slow graph-service never holds the rest of the page.
 */
import { graphApi, profileApi } from './api.js';
import { announce, authorIdFromPath, el, field } from './dom.js';
import { GraphModel, render } from './graph-view.js';
import { renderHeader, signedInUser } from './session.js';

const FIRST_RENDER_MARK = 'bzpeer:identity-and-trust-rendered';

const authorId = authorIdFromPath();
const main = document.getElementById('main');
const user = signedInUser();

renderHeader();
field(main, 'explorer-link').href = `/authors/${encodeURIComponent(authorId)}/explorer`;
loadProfile().then(() => performance.mark(FIRST_RENDER_MARK));
loadGraph();
loadWorks();

/** Fetches the page data and draws every part that depends on it; again after each write the reader makes. */
async function loadProfile() {
  try {
    drawProfile(await profileApi.author(authorId));
  } catch (error) {
    field(main, 'name').textContent = error.status === 404 ? 'No such researcher' : 'The profile could not be loaded';
    announce(field(main, 'page-status'), error.message, true);
  }
}

function drawProfile(profile) {
  document.title = `${profile.name} · BZPEER`;
  field(main, 'name').textContent = profile.name;
  field(main, 'description').textContent = profile.description ?? '';
  field(main, 'badges').replaceChildren(
    el('li', { text: 'Researcher' }),
    el('li', { text: profile.affiliation?.name ?? 'Affiliation not imported' }),
    el('li', { class: profile.openToCollaborate ? 'positive' : null, 'data-field': 'open-to-collaborate',
      text: profile.openToCollaborate ? 'Open to collaborate' : 'Open to collaborate: not yet stated' }));
  drawTrust(profile);
  drawCounters(profile.counts);
  drawFollow(profile);
  drawClaim(profile);
  drawCollaboration(profile);
}

function drawTrust(profile) {
  const trust = profile.trust;
  field(main, 'trust-badges').replaceChildren(
    el('li', { class: 'score', text: trust ? `Trust ${trust.label}` : 'Trust not assessed yet' }),
    el('li', { text: `Verification ${trust?.verificationLevel ?? 'pending'}` }),
    el('li', { text: profile.claimed ? 'Claimed author' : 'Unclaimed author' }));
  const components = trust?.components ?? [];
  field(main, 'trust-explanation').hidden = components.length === 0;
  field(main, 'trust-components').replaceChildren(...components.map((component) => el('li', {},
    el('strong', { text: `${component.name}: ${component.points} of ${component.maxPoints}` }),
    ` ${component.reason}`)));
}

function drawCounters(counts) {
  const counters = [[counts.works, 'works'], [counts.followers, 'followers'], [counts.topics, 'topics'],
    [counts.closeCollaborators, 'close collaborators']];
  field(main, 'works-count').textContent = `${counts.works.toLocaleString('en')} published item(s)`;
  field(main, 'counters').replaceChildren(...counters.map(([value, label]) =>
    el('li', { 'data-counter': label }, el('strong', { text: value.toLocaleString('en') }), ` ${label}`)));
}

function drawFollow(profile) {
  const button = field(main, 'follow');
  const following = Boolean(profile.viewer?.following);
  button.setAttribute('aria-pressed', String(following));
  field(button, 'follow-label').textContent = following ? 'Following' : 'Follow researcher';
  field(button, 'follower-count').textContent = profile.counts.followers.toLocaleString('en');
  field(button, 'follower-count').setAttribute('aria-label', `${profile.counts.followers} followers`);
  button.onclick = () => act(field(main, 'follow-status'), async () => {
    if (!user) {
      throw new Error('Sign in (at the top of the page) to follow researchers.');
    }
    await profileApi.follow(authorId, !following);
    return following ? 'You no longer follow this researcher.' : 'You follow this researcher.';
  });
}

function drawClaim(profile) {
  const area = field(main, 'claim');
  if (profile.viewer?.owner) {
    area.replaceChildren(el('p', { class: 'positive', text: 'You have claimed this author record.' }), ownerForm(profile));
  } else if (profile.claimed) {
    area.replaceChildren(el('p', { text: 'This author record has been claimed by its researcher.' }));
  } else if (!user) {
    area.replaceChildren(el('p', { class: 'locked', text: 'Log in to claim' }),
      el('p', { class: 'hint', text: 'Use "Sign in" at the top of the page.' }));
  } else {
    area.replaceChildren(el('button', { type: 'button', text: 'Claim this author record',
      onclick: () => act(field(main, 'claim-status'), async () => {
        await profileApi.claim(authorId);
        return 'You have claimed this author record.';
      }) }));
  }
}

/** The owner's edit: description (empty for the generated one) and whether they are open to collaborate. */
function ownerForm(profile) {
  const form = el('form', { class: 'owner-edit', 'data-field': 'owner-form' },
    el('label', { for: 'description-input', text: 'Description' }),
    el('textarea', { id: 'description-input', name: 'description', rows: 3 }),
    el('label', { class: 'checkbox' },
      el('input', { type: 'checkbox', name: 'openToCollaborate', checked: profile.openToCollaborate }),
      ' Open to collaborate'),
    el('button', { type: 'submit', text: 'Save profile' }));
  form.description.value = profile.descriptionSource === 'owner' ? profile.description : '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(field(main, 'claim-status'), async () => {
      const description = form.description.value.trim();
      await profileApi.edit(authorId, { description: description || null,
        openToCollaborate: form.openToCollaborate.checked });
      return 'Your profile is saved.';
    });
  });
  return form;
}

function drawCollaboration(profile) {
  const area = field(main, 'collaboration');
  if (!profile.claimed) {
    area.replaceChildren(el('p', { class: 'locked', text: 'Claim this author entity first to unlock direct invitations.' }));
  } else if (profile.viewer?.owner) {
    area.replaceChildren(el('p', { text: 'Requests other researchers send you arrive in your inbox.' }));
  } else if (!profile.openToCollaborate) {
    area.replaceChildren(el('p', { text: 'This researcher is not open to collaboration requests right now.' }));
  } else if (!user) {
    area.replaceChildren(el('p', { class: 'locked', text: 'Sign in to send a collaboration request.' }));
  } else {
    const form = el('form', { 'data-field': 'collaboration-form' },
      el('label', { for: 'collaboration-message', text: 'Your message' }),
      el('textarea', { id: 'collaboration-message', name: 'message', rows: 3, required: true }),
      el('button', { type: 'submit', text: 'Send collaboration request' }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(field(main, 'collaboration-status'), async () => {
        await profileApi.requestCollaboration(authorId, form.message.value.trim());
        form.reset();
        return 'Your request was sent.';
      });
    });
    area.replaceChildren(form);
  }
}

/** Runs a write, then announces its outcome (or the problem's detail) and redraws the page from the server. */
async function act(status, write) {
  announce(status, 'Working…');
  try {
    const message = await write();
    await loadProfile();
    announce(status, message);
  } catch (error) {
    announce(status, error.message, true);
  }
}

async function loadGraph() {
  const container = field(main, 'graph');
  try {
    const model = new GraphModel();
    model.merge(await graphApi.neighbourhood(authorId, 1, 12));
    render(container, model, { title: 'Research graph around this researcher' });
  } catch (error) {
    container.replaceChildren(el('p', { class: 'error', text: `The research graph could not be loaded: ${error.message}` }));
  }
}

/** Appends the next page of works; the button fetches more until the last page. */
async function loadWorks(cursor) {
  const list = field(main, 'works');
  const more = field(main, 'more-works');
  more.disabled = true;
  try {
    const page = await profileApi.works(authorId, cursor);
    list.append(...page.items.map(workItem));
    more.hidden = !page.nextCursor;
    more.onclick = page.nextCursor ? () => loadWorks(page.nextCursor) : null;
  } catch (error) {
    announce(field(main, 'works-status'), `The works could not be loaded: ${error.message}`, true);
  } finally {
    more.disabled = false;
  }
}

function workItem(work) {
  return el('li', { class: 'work', 'data-work-id': work.id },
    el('p', { class: 'work-meta' },
      el('span', { class: 'work-type', text: work.type ?? 'work' }),
      el('span', { class: 'work-year', text: work.publicationYear ?? 'year unknown' }),
      work.venue ? el('span', { class: 'work-venue', text: work.venue.name }) : null),
    el('h3', { class: 'work-title', text: work.title }),
    work.abstractText ? el('p', { class: 'work-abstract', text: work.abstractText }) : null);
}

/**
 * The full research-graph explorer at /authors/{id}/explorer: the researcher's neighbourhood drawn as a graph in which
 * every person can be expanded (their own neighbourhood is merged in), optionally with co-authors' co-authors, and the
 * shortest co-authorship path between two researchers, highlighted in the graph and listed step by step.
 */
import { graphApi, profileApi } from './api.js';
import { announce, authorIdFromPath, el, field } from './dom.js';
import { GraphModel, render } from './graph-view.js';
import { renderHeader } from './session.js';
import { suggestNames } from './suggestions.js';

const NODES_PER_KIND = 25;
const authorId = authorIdFromPath();
const main = document.getElementById('main');
const graphStatus = field(main, 'graph-status');
const pathForm = field(main, 'path-form');
const suggestedId = suggestNames(pathForm.to, field(main, 'path-suggestions'));
let model = new GraphModel();
let highlight;

renderHeader();
field(main, 'back-link').href = `/authors/${encodeURIComponent(authorId)}`;
profileApi.author(authorId).then((profile) => {
  field(main, 'name').textContent = profile.name;
  document.title = `Research graph of ${profile.name} · BZPEER`;
}).catch((error) => announce(graphStatus, error.message, true));
field(main, 'depth-two').addEventListener('change', (event) => load(event.target.checked ? 2 : 1));
pathForm.addEventListener('submit', showPath);
load(1);

async function load(depth) {
  try {
    model = new GraphModel();
    highlight = undefined;
    model.merge(await graphApi.neighbourhood(authorId, depth, NODES_PER_KIND));
    draw();
    announce(graphStatus, `Showing ${model.nodes.size} nodes. Select a person to expand.`);
  } catch (error) {
    announce(graphStatus, `The graph could not be loaded: ${error.message}`, true);
  }
}

function draw() {
  render(field(main, 'graph'), model, { aspect: 0.7, onActivate: expand, highlight,
    title: 'Research graph explorer' });
  const people = [...model.nodes.values()].filter((node) => node.type === 'author');
  const from = field(main, 'path-from');
  const selected = from.value || authorId;
  from.replaceChildren(...people.map((person) => el('option', { value: person.key, text: person.label,
    selected: person.key === selected })));
}

/** Merges the neighbourhood of `node` (a person) into the graph. */
async function expand(node) {
  announce(graphStatus, `Expanding ${node.label}…`);
  try {
    const added = model.merge(await graphApi.neighbourhood(node.key, 1, NODES_PER_KIND));
    draw();
    announce(graphStatus, `Expanded ${node.label}: ${added} new node(s), ${model.nodes.size} in all.`);
    document.querySelector(`[data-node-id="${CSS.escape(node.id)}"]`)?.focus();
  } catch (error) {
    announce(graphStatus, `Could not expand ${node.label}: ${error.message}`, true);
  }
}

/** Finds the shortest co-authorship chain, lists its steps and highlights it (adding its people when missing). */
async function showPath(event) {
  event.preventDefault();
  const status = field(main, 'path-status');
  announce(status, 'Looking for a path…');
  try {
    const to = suggestedId() ?? (await profileApi.search(pathForm.to.value.trim())).items[0]?.id;
    if (!to) {
      announce(status, `Nobody called "${pathForm.to.value.trim()}" was found.`, true);
      return;
    }
    const path = await graphApi.path(pathForm.from.value, to);
    field(main, 'path').replaceChildren(...path.steps.map((step) => el('li', {},
      el('strong', { text: `${step.from.name} → ${step.to.name}` }),
      `: ${step.sharedWorks} shared work(s)`,
      step.works[0] ? `, latest “${step.works[0].title}” (${step.works[0].year ?? 'year unknown'})` : '')));
    if (!path.connected) {
      announce(status, `${path.from.name} and ${path.to.name} are not connected within ${path.maxHops} steps.`);
      return;
    }
    highlightPath(path);
    announce(status, `${path.from.name} and ${path.to.name} are ${path.distance} step(s) apart.`);
  } catch (error) {
    announce(status, error.message, true);
  }
}

function highlightPath(path) {
  const people = [path.from, ...path.steps.map((step) => step.to)];
  model.merge({
    author: path.from,
    nodes: people.map((person) => ({ id: `author:${person.id}`, type: 'author', key: person.id, label: person.name,
      weight: 1 })),
    edges: path.steps.map((step) => ({ source: `author:${step.from.id}`, target: `author:${step.to.id}`,
      type: 'coauthor', weight: step.sharedWorks })),
  });
  highlight = {
    nodes: new Set(people.map((person) => `author:${person.id}`)),
    edges: new Set(path.steps.map((step) => `author:${step.from.id}|author:${step.to.id}`)),
  };
  draw();
}

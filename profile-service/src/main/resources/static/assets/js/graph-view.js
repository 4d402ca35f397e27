/**
 * Draws a research-graph neighbourhood (graph-service's /graph answer: nodes of kind author, work, topic,
 * institution and the edges between them) as SVG, placed by a small force layout. Positions are kept on the node
 * objects, so a graph that grows (the explorer expanding a node) keeps what was already placed where it was.
 */
import { el } from './dom.js';

/** How each node kind reads in the legend and in summaries. */
export const KINDS = [
  { type: 'work', label: 'papers' },
  { type: 'author', label: 'people' },
  { type: 'topic', label: 'topics' },
  { type: 'institution', label: 'institutions' },
];

/** Identifies an edge whichever way round it was given: a co-authorship from A to B is the one from B to A. */
function edgeKey(edge) {
  return [edge.source, edge.target].sort().join('|') + `|${edge.type}`;
}

/** A graph that can grow: nodes by id, edges by their two ends and type, the centre author first. */
export class GraphModel {
  constructor() {
    this.nodes = new Map();
    this.edges = new Map();
  }

  /** Adds a neighbourhood; new nodes start next to a placed neighbour (or the centre) so the layout settles fast. */
  merge(neighbourhood) {
    const added = [];
    for (const node of neighbourhood.nodes) {
      if (!this.nodes.has(node.id)) {
        this.nodes.set(node.id, { ...node });
        added.push(node.id);
      }
    }
    for (const edge of neighbourhood.edges) {
      this.edges.set(edgeKey(edge), edge);
    }
    const anchor = this.nodes.get(`author:${neighbourhood.author.id}`);
    added.forEach((id, index) => {
      const node = this.nodes.get(id);
      if (anchor && anchor !== node && anchor.x !== undefined) {
        const angle = (2 * Math.PI * index) / added.length;
        node.x = anchor.x + 40 * Math.cos(angle);
        node.y = anchor.y + 40 * Math.sin(angle);
      }
    });
    return added.length;
  }

  /** How many nodes of each kind, e.g. {work: 12, author: 1, ...}. */
  counts() {
    const counts = Object.fromEntries(KINDS.map((kind) => [kind.type, 0]));
    this.nodes.forEach((node) => { counts[node.type] = (counts[node.type] ?? 0) + 1; });
    return counts;
  }
}

/**
 * Fruchterman-Reingold: every pair of nodes repels, every edge pulls, a light gravity keeps parts together; the
 * step shrinks as the layout cools. Deterministic: nodes without a position start on a circle in list order.
 */
export function layout(model, width, height, iterations = 250) {
  const nodes = [...model.nodes.values()];
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const k = Math.sqrt((width * height) / Math.max(nodes.length, 1)) * 0.75;
  nodes.forEach((node, i) => {
    if (node.x === undefined) {
      const angle = (2 * Math.PI * i) / nodes.length;
      node.x = width / 2 + (i === 0 ? 0 : (width / 3) * Math.cos(angle));
      node.y = height / 2 + (i === 0 ? 0 : (height / 3) * Math.sin(angle));
    }
  });
  const links = [...model.edges.values()]
    .map((edge) => [index.get(edge.source), index.get(edge.target)])
    .filter(([a, b]) => a !== undefined && b !== undefined);
  let temperature = width / 8;
  for (let step = 0; step < iterations; step++) {
    const dx = new Float64Array(nodes.length);
    const dy = new Float64Array(nodes.length);
    for (let a = 0; a < nodes.length; a++) {
      for (let b = a + 1; b < nodes.length; b++) {
        const x = nodes[a].x - nodes[b].x || 0.01;
        const y = nodes[a].y - nodes[b].y || 0.01;
        const distanceSquared = x * x + y * y;
        const force = (k * k) / distanceSquared;
        dx[a] += x * force; dy[a] += y * force;
        dx[b] -= x * force; dy[b] -= y * force;
      }
    }
    for (const [a, b] of links) {
      const x = nodes[a].x - nodes[b].x;
      const y = nodes[a].y - nodes[b].y;
      const distance = Math.hypot(x, y) || 0.01;
      const force = distance / k;
      dx[a] -= x * force; dy[a] -= y * force;
      dx[b] += x * force; dy[b] += y * force;
    }
    nodes.forEach((node, i) => {
      dx[i] += (width / 2 - node.x) * 0.02;
      dy[i] += (height / 2 - node.y) * 0.02;
      const length = Math.hypot(dx[i], dy[i]) || 1;
      const moved = Math.min(length, temperature);
      node.x = Math.min(width - 20, Math.max(20, node.x + (dx[i] / length) * moved));
      node.y = Math.min(height - 20, Math.max(20, node.y + (dy[i] / length) * moved));
    });
    temperature = Math.max(1, temperature * 0.97);
  }
}

/** Node radius from its weight (works, shared works...), between 6 and 18 px. */
function radius(node) {
  return Math.min(18, 6 + 3 * Math.sqrt(Math.max(0, node.weight)));
}

function shortLabel(text, max = 28) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Renders `model` into `container` as an SVG (role="img", described by a sentence counting each kind) with a legend.
 * The drawing is as wide as the container (so labels stay legible on a phone) and `aspect` times as high. With
 * `onActivate`, author nodes become buttons (click, Enter or Space) that call it. Nodes and edges in `highlight`
 * (sets of node ids and "source|target" keys) are emphasised.
 */
export function render(container, model, { aspect = 0.65, onActivate, highlight, title } = {}) {
  const width = Math.max(280, Math.round(container.clientWidth || 640));
  const height = Math.round(width * aspect);
  layout(model, width, height);
  const counts = model.counts();
  const summary = `${title}: ${KINDS.map((kind) => `${counts[kind.type]} ${kind.label}`).join(', ')}.`;
  const svg = el('svg:svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'graph', role: onActivate ? 'group' : 'img', 'aria-label': summary,
  });
  const edgeLayer = el('svg:g', { class: 'edges' });
  for (const edge of model.edges.values()) {
    const source = model.nodes.get(edge.source);
    const target = model.nodes.get(edge.target);
    if (!source || !target) {
      continue;
    }
    const highlighted = highlight?.edges.has(`${edge.source}|${edge.target}`)
      || highlight?.edges.has(`${edge.target}|${edge.source}`);
    edgeLayer.append(el('svg:line', {
      x1: source.x, y1: source.y, x2: target.x, y2: target.y, 'data-type': edge.type,
      class: highlighted ? 'edge highlighted' : 'edge',
    }));
  }
  const nodeLayer = el('svg:g', { class: 'nodes' });
  for (const node of model.nodes.values()) {
    const expandable = onActivate && node.type === 'author';
    const group = el('svg:g', {
      class: highlight?.nodes.has(node.id) ? 'node highlighted' : 'node',
      'data-type': node.type, 'data-node-id': node.id, transform: `translate(${node.x} ${node.y})`,
      role: expandable ? 'button' : null, tabindex: expandable ? 0 : null,
      'aria-label': expandable ? `Expand ${node.label}` : null,
    }, el('svg:title', { text: `${node.label} (${node.type})` }), el('svg:circle', { r: radius(node) }));
    if (node.type !== 'work') {
      group.append(el('svg:text', { x: radius(node) + 3, y: 4, text: shortLabel(node.label), 'aria-hidden': 'true' }));
    }
    if (expandable) {
      group.addEventListener('click', () => onActivate(node));
      group.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onActivate(node);
        }
      });
    }
    nodeLayer.append(group);
  }
  svg.append(edgeLayer, nodeLayer);
  const legend = el('ul', { class: 'legend', 'aria-label': 'Legend' }, ...KINDS.map((kind) =>
    el('li', { 'data-type': kind.type }, el('span', { class: 'swatch', 'aria-hidden': 'true' }),
      `${counts[kind.type]} ${kind.label}`)));
  container.replaceChildren(svg, legend);
}

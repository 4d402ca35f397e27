/**
 * The public BZPEER APIs as the pages call them: profile-service on this page's origin, graph-service at the base URL
 * /config.json names (CORS). Failures become an ApiError carrying the RFC 9457 problem details, whose "detail" is
 * meant to be shown to the reader.
 */
import { bearerToken } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

let configuration;

/** The pages' configuration, fetched once: {graphBaseUrl}, empty for the same origin. */
function config() {
  configuration ??= fetch('/config.json').then((response) => response.json());
  return configuration;
}

/**
 * Calls url; sends the signed-in reader's token when there is one and `authenticated` is not false. Answers the JSON
 * body, or null for an empty one.
 */
async function call(url, { method = 'GET', body, contentType = 'application/json', authenticated = true } = {}) {
  const headers = { Accept: 'application/json' };
  const token = authenticated ? bearerToken() : null;
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
  }
  const response = await fetch(url, {
    method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

const author = (id) => `/api/v1/authors/${encodeURIComponent(id)}`;

export const profileApi = {
  author: (id) => call(author(id)),
  works: (id, cursor, limit = 10) =>
    call(`${author(id)}/works?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  follow: (id, following) => call(`${author(id)}/followers/me`, { method: following ? 'PUT' : 'DELETE' }),
  claim: (id) => call(`${author(id)}/claim`, { method: 'POST' }),
  /** The owner's edit, a JSON merge patch: description, openToCollaborate. Answers the page's new data. */
  edit: (id, patch) => call(author(id), { method: 'PATCH', body: patch, contentType: 'application/merge-patch+json' }),
  requestCollaboration: (id, message) =>
    call(`${author(id)}/collaboration-requests`, { method: 'POST', body: { message } }),
  search: (query) => call(`/api/v1/authors?q=${encodeURIComponent(query)}&limit=20`),
  autocomplete: (query) => call(`/api/v1/authors/autocomplete?q=${encodeURIComponent(query)}`),
};

/** graph-service's reads are public: no token, so the browser sends a simple CORS request without preflight. */
async function graphCall(path) {
  const { graphBaseUrl } = await config();
  return call(graphBaseUrl + path, { authenticated: false });
}

export const graphApi = {
  neighbourhood: (id, depth = 1, limit = 25) => graphCall(`${author(id)}/graph?depth=${depth}&limit=${limit}`),
  path: (from, to) => graphCall(`/api/v1/graph/path?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
};

// Calls to the JSON API of `healthflow serve`.

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `erreur ${status}`);
    this.status = status;
    this.hint = body && body.hint ? body.hint : '';
  }
}

// The URL of an endpoint with its query parameters (empty values left out).
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

// GET an endpoint and return its JSON body; throws ApiError on an error status.
export async function getJson(path, params = {}) {
  const response = await fetch(apiUrl(path, params), { credentials: 'same-origin' });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

// POST a JSON body and return the JSON answer.
export async function postJson(path, payload) {
  const response = await fetch(path, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload || {}),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

// The CSV export URL of a table endpoint with the same filters.
export function csvUrl(path, params = {}) {
  return apiUrl(path, { ...params, format: 'csv' });
}

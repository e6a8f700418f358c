// The REST API from pages: the session cookie signs in; writes carry the CSRF token from the XSRF-TOKEN cookie,
// masked the way Spring Security expects it. Failures become ApiError with the RFC 9457 problem document.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

function cookie(name) {
  const found = document.cookie.split('; ').find(part => part.startsWith(name + '='));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

/** The CSRF token XOR-masked with fresh random bytes (Spring Security's BREACH protection), base64url. */
export function csrfToken() {
  const token = cookie('XSRF-TOKEN');
  if (!token) return null;
  const plain = new TextEncoder().encode(token);
  const random = crypto.getRandomValues(new Uint8Array(plain.length));
  const combined = new Uint8Array(plain.length * 2);
  combined.set(random, 0);
  plain.forEach((byte, i) => { combined[plain.length + i] = byte ^ random[i]; });
  let binary = '';
  combined.forEach(byte => { binary += String.fromCharCode(byte); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    location.href = '/login';
    throw new ApiError(401, { title: 'Unauthorized' });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = path => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const patch = (path, body) => api('PATCH', path, body);
export const put = (path, body) => api('PUT', path, body);
export const del = path => api('DELETE', path);

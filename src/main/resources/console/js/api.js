// The gateway's REST API as the console calls it: JSON in and out, the admin's bearer token on
// every request, and the API's {code, message} refusals turned into an ApiError to show.

const BASE = new URL('../api/v1/', document.baseURI);

/** A refusal or failure, with the API's stable code and the message meant for the person. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export class Api {
  /** @param token a function returning the current token, so logging out takes effect at once */
  constructor(token) {
    this.token = token;
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body) {
    return this.request('POST', path, body ?? {});
  }

  async request(method, path, body) {
    const headers = { Accept: 'application/json', Authorization: 'Bearer ' + this.token() };
    const init = { method, headers, cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(new URL(path.replace(/^\//, ''), BASE), init);
    } catch (e) {
      throw new ApiError(0, 'UNREACHABLE', 'The gateway did not answer (' + e.message + '). Is it running?');
    }
    const text = await response.text();
    const json = parse(text);
    if (!response.ok) {
      if (json && typeof json.code === 'string') {
        throw new ApiError(response.status, json.code, String(json.message ?? ''));
      }
      throw new ApiError(response.status, 'HTTP_' + response.status, 'The gateway answered ' + response.status + ' '
        + response.statusText + '.');
    }
    return json;
  }
}

function parse(text) {
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Path segments with their identifiers encoded: a fingerprint or key never changes the path. */
export function path(...segments) {
  return segments.map(encodeURIComponent).join('/');
}

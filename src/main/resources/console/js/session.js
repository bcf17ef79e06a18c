// The admin's token lives in this tab's sessionStorage only: never in localStorage or a cookie,
// so it leaves with the tab or the logout button.

const KEY = 'dragongate.token';

export function token() {
  return sessionStorage.getItem(KEY) ?? '';
}

export function remember(value) {
  sessionStorage.setItem(KEY, value);
}

export function forget() {
  sessionStorage.removeItem(KEY);
}
